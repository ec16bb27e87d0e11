package be.cocon.privacy;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Erasures that have started and not finished ({@code erasures}, {@code _id} = client
 * id). The record holds what every module needs to finish the job after a crash (the
 * replacement id chosen once, the username and pseudonym) and is deleted when the erasure
 * is done, so nothing of it is left afterwards.
 */
@Repository
class PendingErasures {

	static final String COLLECTION = "erasures";

	private final MongoTemplate mongo;

	PendingErasures(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * Notes that the erasure begins; an erasure that began before is continued as it was.
	 */
	ErasedClient start(String clientId, String username, String pseudonym, Instant now) {
		while (true) {
			String replacementId = ErasedClient.REPLACEMENT_PREFIX + UUID.randomUUID();
			try {
				this.mongo.insert(new Document("_id", clientId).append("replacementId", replacementId)
					.append("username", username)
					.append("pseudonym", pseudonym)
					.append("startedAt", Date.from(now)), COLLECTION);
				return new ErasedClient(clientId, replacementId, username, pseudonym);
			}
			catch (DuplicateKeyException ex) {
				Document started = this.mongo.findById(clientId, Document.class, COLLECTION);
				if (started != null) {
					return of(started);
				}
				// it finished in between: this is a new erasure
			}
		}
	}

	/** Erasures that started before this moment and have not finished. */
	List<ErasedClient> startedBefore(Instant moment) {
		return this.mongo
			.find(Query.query(Criteria.where("startedAt").lt(Date.from(moment))), Document.class, COLLECTION)
			.stream()
			.map(PendingErasures::of)
			.toList();
	}

	void finish(String clientId) {
		this.mongo.remove(Query.query(Criteria.where("_id").is(clientId)), COLLECTION);
	}

	private static ErasedClient of(Document doc) {
		return new ErasedClient(doc.getString("_id"), doc.getString("replacementId"), doc.getString("username"),
				doc.getString("pseudonym"));
	}

}
