package be.cocon.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** The per-user push documents, reached by {@code _id} only. */
@Repository
class PushUsers {

	private final MongoTemplate mongo;

	PushUsers(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	Optional<PushUser> findById(String userId) {
		return Optional.ofNullable(this.mongo.findById(userId, PushUser.class));
	}

	PushUser of(String userId) {
		return findById(userId).orElseGet(() -> PushUser.empty(userId));
	}

	void save(PushUser user) {
		this.mongo.save(user);
	}

	/** Takes one device out; harmless when it is gone already. */
	void removeDevice(String userId, String deviceId) {
		this.mongo.updateFirst(byId(userId), new Update().pull("devices", new Document("id", deviceId)),
				PushUser.class);
	}

	/**
	 * Claims the user's message notification slot: true for exactly one caller per
	 * {@code every}, also across instances (a conditional update).
	 */
	boolean claimMessageSlot(String userId, Instant now, Duration every) {
		Criteria free = new Criteria().orOperator(Criteria.where("lastMessagePushAt").is(null),
				Criteria.where("lastMessagePushAt").lte(now.minus(every)));
		Query query = Query.query(Criteria.where("_id").is(userId).andOperator(free));
		return this.mongo.updateFirst(query, new Update().set("lastMessagePushAt", now), PushUser.class)
			.getModifiedCount() == 1;
	}

	void delete(String userId) {
		this.mongo.remove(byId(userId), PushUser.class);
	}

	private static Query byId(String id) {
		return Query.query(Criteria.where("_id").is(id));
	}

}
