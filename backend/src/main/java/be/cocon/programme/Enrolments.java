package be.cocon.programme;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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

	static final String PROGRAMME_VERSIONS = "programme_versions";

	static final String QUESTIONNAIRE_VERSIONS = "questionnaire_versions";

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

	/** Releases the claim only when this enrolment holds it (not a newer one). */
	void releaseOpen(String clientId, String programmeId, String enrolmentId) {
		this.mongo.remove(
				Query.query(Criteria.where("_id").is(clientId + ":" + programmeId).and("enrolmentId").is(enrolmentId)),
				OPEN_CLAIMS);
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
		// the converter leaves null fields out: clear them, or a completed enrolment
		// would
		// keep its last step and a restarted one its completion time
		for (java.lang.reflect.RecordComponent field : EnrolmentDocument.class.getRecordComponents()) {
			if (!"id".equals(field.getName()) && !doc.containsKey(field.getName())) {
				update.unset(field.getName());
			}
		}
		return this.mongo.updateFirst(unchanged, update, EnrolmentDocument.class).getModifiedCount() == 1;
	}

	/**
	 * Keeps the first stored copy of each programme version, with the versions of the
	 * questionnaires it uses at that moment (they stay pinned to it).
	 * @return false when the stored copy differs from {@code json}
	 */
	boolean storeVersion(String key, String json, Map<String, Integer> questionnaires) {
		Document stored = this.mongo.findById(key, Document.class, PROGRAMME_VERSIONS);
		if (stored == null) {
			this.mongo.insert(
					new Document("_id", key).append("json", json)
						.append("questionnaires", new Document(new java.util.LinkedHashMap<>(questionnaires))),
					PROGRAMME_VERSIONS);
			return true;
		}
		if (stored.get("questionnaires") == null) {
			// stored before questionnaires were pinned: pin the ones it uses now
			this.mongo.updateFirst(byId(key),
					new Update().set("questionnaires", new Document(new java.util.LinkedHashMap<>(questionnaires))),
					PROGRAMME_VERSIONS);
		}
		return stored.getString("json").equals(json);
	}

	Optional<StoredVersion> storedVersion(String key) {
		Document stored = this.mongo.findById(key, Document.class, PROGRAMME_VERSIONS);
		if (stored == null) {
			return Optional.empty();
		}
		Map<String, Integer> questionnaires = new java.util.LinkedHashMap<>();
		Document pinned = stored.get("questionnaires", Document.class);
		if (pinned != null) {
			pinned.forEach((id, version) -> questionnaires.put(id, ((Number) version).intValue()));
		}
		return Optional.of(new StoredVersion(stored.getString("json"), questionnaires));
	}

	/**
	 * Keeps the first stored copy of each questionnaire version.
	 * @return false when the stored copy differs from {@code json}
	 */
	boolean storeQuestionnaire(String key, String json) {
		Document stored = this.mongo.findById(key, Document.class, QUESTIONNAIRE_VERSIONS);
		if (stored == null) {
			this.mongo.insert(new Document("_id", key).append("json", json), QUESTIONNAIRE_VERSIONS);
			return true;
		}
		return stored.getString("json").equals(json);
	}

	Optional<String> storedQuestionnaire(String key) {
		Document stored = this.mongo.findById(key, Document.class, QUESTIONNAIRE_VERSIONS);
		return Optional.ofNullable((stored != null) ? stored.getString("json") : null);
	}

	/**
	 * A stored programme version.
	 *
	 * @param json its content
	 * @param questionnaires the version of each questionnaire it uses, by id
	 */
	record StoredVersion(String json, Map<String, Integer> questionnaires) {
	}

	private static Query byId(String id) {
		return Query.query(Criteria.where("_id").is(id));
	}

	/**
	 * Every enrolment of a client, also one the index lost (found by a scan, for export
	 * and erasure), read by id like every other read.
	 */
	List<EnrolmentDocument> findAllOf(String clientId) {
		java.util.Map<String, EnrolmentDocument> found = new java.util.LinkedHashMap<>();
		findByClient(clientId).forEach((enrolment) -> found.put(enrolment.id(), enrolment));
		Query ofClient = Query.query(Criteria.where("clientId").is(clientId));
		ofClient.fields().include("_id");
		this.mongo.find(ofClient, Document.class, EnrolmentDocument.COLLECTION)
			.stream()
			.map((enrolment) -> enrolment.getString("_id"))
			.filter((id) -> !found.containsKey(id))
			.forEach((id) -> findById(id).ifPresent((enrolment) -> found.put(id, enrolment)));
		return List.copyOf(found.values());
	}

	/**
	 * Deletes every enrolment of a client, the client's index and their open-programme
	 * claims (whose ids match {@code claimPattern}).
	 */
	void deleteAllOf(String clientId, String claimPattern) {
		this.mongo.remove(Query.query(Criteria.where("clientId").is(clientId)), EnrolmentDocument.class);
		this.mongo.remove(byId(clientId), CLIENT_ENROLMENTS);
		this.mongo.remove(Query.query(Criteria.where("_id").regex(claimPattern)), OPEN_CLAIMS);
	}

}
