package be.cocon.programme;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Enrolments in the store. Every change is a conditional write on the revision read
 * before (optimistic), so two answers to the same step can never both count. Per client a
 * document lists their enrolment ids, and a claim ({@code _id} = client + programme)
 * allows only one open enrolment per programme.
 */
@Repository
class Enrolments {

	static final String CLIENT_ENROLMENTS = "client_enrolments";

	static final String OPEN_CLAIMS = "enrolment_claims";

	private final MongoTemplate mongo;

	Enrolments(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * @return false when the client already has an open enrolment in this programme
	 */
	boolean claimOpen(String clientId, String programmeId, String enrolmentId) {
		try {
			this.mongo.insert(new Document("_id", clientId + ":" + programmeId).append("enrolmentId", enrolmentId),
					OPEN_CLAIMS);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	void releaseOpen(String clientId, String programmeId) {
		this.mongo.remove(byId(clientId + ":" + programmeId), OPEN_CLAIMS);
	}

	void insert(EnrolmentDocument enrolment) {
		this.mongo.insert(enrolment);
		this.mongo.upsert(byId(enrolment.clientId()), new Update().addToSet("enrolmentIds", enrolment.id()),
				CLIENT_ENROLMENTS);
	}

	Optional<EnrolmentDocument> findById(String id) {
		return Optional.ofNullable(this.mongo.findById(id, EnrolmentDocument.class));
	}

	List<EnrolmentDocument> findByClient(String clientId) {
		Document index = this.mongo.findById(clientId, Document.class, CLIENT_ENROLMENTS);
		Collection<String> ids = (index != null) ? index.getList("enrolmentIds", String.class, List.of()) : List.of();
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.mongo.find(Query.query(Criteria.where("_id").in(ids)), EnrolmentDocument.class);
	}

	/** Replaces the enrolment if nobody changed it since {@code read}. */
	boolean replace(EnrolmentDocument read, EnrolmentDocument changed) {
		Query unchanged = Query.query(Criteria.where("_id").is(read.id()).and("revision").is(read.revision()));
		Document doc = new Document();
		this.mongo.getConverter().write(changed, doc);
		doc.put("revision", read.revision() + 1);
		doc.put("updatedAt", java.util.Date.from(Instant.now()));
		Update update = new Update();
		doc.forEach((key, value) -> {
			if (!"_id".equals(key) && !"_class".equals(key)) {
				update.set(key, value);
			}
		});
		return this.mongo.updateFirst(unchanged, update, EnrolmentDocument.class).getModifiedCount() == 1;
	}

	/** Keeps the first stored copy of each programme version; says whether it differs. */
	boolean storeVersion(String key, String json) {
		Document stored = this.mongo.findById(key, Document.class, "programme_versions");
		if (stored == null) {
			this.mongo.insert(new Document("_id", key).append("json", json), "programme_versions");
			return true;
		}
		return stored.getString("json").equals(json);
	}

	Optional<String> storedVersion(String key) {
		Document stored = this.mongo.findById(key, Document.class, "programme_versions");
		return Optional.ofNullable((stored != null) ? stored.getString("json") : null);
	}

	private static Query byId(String id) {
		return Query.query(Criteria.where("_id").is(id));
	}

}
