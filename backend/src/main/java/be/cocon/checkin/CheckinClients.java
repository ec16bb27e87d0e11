package be.cocon.checkin;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import be.cocon.checkin.ClientDocument.Reminder;

/**
 * The per-client documents, and an index document listing the clients whose reminder is
 * on (the reminder job reads the index, then the reminders with one {@code _id $in}).
 */
@Repository
class CheckinClients {

	static final String INDEX = "checkin_index";

	static final String REMINDERS_ON = "reminders-on";

	private final MongoTemplate mongo;

	CheckinClients(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	Optional<ClientDocument> findById(String clientId) {
		return Optional.ofNullable(this.mongo.findById(clientId, ClientDocument.class));
	}

	List<ClientDocument> findAll(Collection<String> clientIds) {
		if (clientIds.isEmpty()) {
			return List.of();
		}
		return this.mongo.find(Query.query(Criteria.where("_id").in(clientIds)), ClientDocument.class);
	}

	/** Remembers a check-in's time unless a later one is remembered already. */
	void checkedIn(String clientId, Instant at) {
		this.mongo.upsert(byId(clientId), new Update().max("lastCheckInAt", at), ClientDocument.class);
	}

	/**
	 * Saves a reminder. One that is switched on is listed in the index first, so the job
	 * never misses a reminder that is on (it skips listed ones that are off).
	 */
	void saveReminder(String clientId, Reminder reminder) {
		if (reminder.enabled()) {
			this.mongo.upsert(byId(REMINDERS_ON), new Update().addToSet("ids", clientId), INDEX);
		}
		this.mongo.upsert(byId(clientId), new Update().set("reminder", reminder), ClientDocument.class);
		if (!reminder.enabled()) {
			this.mongo.updateFirst(byId(REMINDERS_ON), new Update().pull("ids", clientId), INDEX);
		}
	}

	List<String> remindersOn() {
		Document index = this.mongo.findById(REMINDERS_ON, Document.class, INDEX);
		return (index != null) ? index.getList("ids", String.class, List.of()) : List.of();
	}

	/**
	 * Moves a reminder that is on from {@code seen} to {@code next} (computed in
	 * {@code zone}); of several runs that saw the same due reminder exactly one
	 * succeeds. @return whether this call moved it
	 */
	boolean advance(String clientId, Instant seen, Instant next, String zone) {
		Query due = Query
			.query(Criteria.where("_id").is(clientId).and("reminder.enabled").is(true).and("reminder.nextAt").is(seen));
		return this.mongo
			.updateFirst(due, new Update().set("reminder.nextAt", next).set("reminder.zone", zone),
					ClientDocument.class)
			.getModifiedCount() == 1;
	}

	private static Query byId(String id) {
		return Query.query(Criteria.where("_id").is(id));
	}

	/** Deletes the client's document and takes them off the reminder index. */
	void delete(String clientId) {
		this.mongo.updateFirst(byId(REMINDERS_ON), new Update().pull("ids", clientId), INDEX);
		this.mongo.remove(byId(clientId), ClientDocument.class);
	}

}
