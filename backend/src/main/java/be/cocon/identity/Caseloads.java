package be.cocon.identity;

import java.util.List;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Per-therapist list of client ids, so a caseload is one {@code _id} read plus one
 * {@code _id $in}. The client's own document is the source of truth: readers keep only
 * the clients whose active therapist really is this therapist, so a crash between the two
 * writes of an assignment never shows a wrong caseload.
 */
@Repository
class Caseloads {

	static final String COLLECTION = "caseloads";

	private final MongoTemplate mongo;

	Caseloads(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	List<String> clientIdsOf(String therapistId) {
		Document caseload = this.mongo.findById(therapistId, Document.class, COLLECTION);
		if (caseload == null) {
			return List.of();
		}
		return caseload.getList("clientIds", String.class, List.of());
	}

	void add(String therapistId, String clientId) {
		this.mongo.upsert(byId(therapistId), new Update().addToSet("clientIds", clientId), COLLECTION);
	}

	void remove(String therapistId, String clientId) {
		this.mongo.updateFirst(byId(therapistId), new Update().pull("clientIds", clientId), COLLECTION);
	}

	private static Query byId(String id) {
		return Query.query(Criteria.where("_id").is(id));
	}

	/**
	 * Takes a client out of every caseload that lists them (a scan, for erasure only).
	 */
	void removeEverywhere(String clientId) {
		this.mongo.updateMulti(Query.query(Criteria.where("clientIds").is(clientId)),
				new Update().pull("clientIds", clientId), COLLECTION);
	}

}
