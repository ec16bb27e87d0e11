package be.cocon.nudge;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import be.cocon.nudge.NudgeDocument.Status;

/**
 * Nudges, adaptive settings and templates in the store, read by computable ids only:
 * index documents in {@code nudge_index} list each client's nudges, the scheduled nudges,
 * the clients with adaptive nudges on and each therapist's templates. State changes are
 * conditional single-document updates, so two instances never both send one nudge.
 */
@Repository
class Nudges {

	static final String INDEX = "nudge_index";

	static final String SCHEDULED = "scheduled";

	static final String ADAPTIVE = "adaptive";

	private final MongoTemplate mongo;

	Nudges(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Stores a new nudge; false if one with this id exists already. */
	boolean insert(NudgeDocument nudge) {
		try {
			this.mongo.insert(nudge);
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
		addTo(clientKey(nudge.clientId()), nudge.id());
		if (nudge.status() == Status.SCHEDULED) {
			addTo(SCHEDULED, nudge.id());
		}
		return true;
	}

	Optional<NudgeDocument> findById(String id) {
		return Optional.ofNullable(this.mongo.findById(id, NudgeDocument.class));
	}

	List<NudgeDocument> ofClient(String clientId) {
		return findAllById(ids(clientKey(clientId)));
	}

	List<NudgeDocument> scheduled() {
		return findAllById(ids(SCHEDULED));
	}

	/** Marks a scheduled nudge sent; false if it was not scheduled any more. */
	boolean markSent(String id, Instant at, String conversationId, long seq) {
		boolean sent = this.mongo
			.updateFirst(Query.query(Criteria.where("_id").is(id).and("status").is(Status.SCHEDULED)),
					new Update().set("status", Status.SENT)
						.set("sentAt", at)
						.set("conversationId", conversationId)
						.set("seq", seq),
					NudgeDocument.class)
			.getModifiedCount() == 1;
		removeFrom(SCHEDULED, id);
		return sent;
	}

	/** Moves a nudge from one status to another; empty if it was not in {@code from}. */
	Optional<NudgeDocument> move(String id, Status from, Status to) {
		Optional<NudgeDocument> moved = Optional.ofNullable(this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(id).and("status").is(from)), new Update().set("status", to),
				FindAndModifyOptions.options().returnNew(true), NudgeDocument.class));
		if (moved.isPresent() && from == Status.SCHEDULED) {
			removeFrom(SCHEDULED, id);
		}
		return moved;
	}

	/** Schedules a suggested nudge (the therapist approved it). */
	Optional<NudgeDocument> approve(String id, Instant sendAt, String localSendAt) {
		NudgeDocument approved = this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(id).and("status").is(Status.SUGGESTED)),
				new Update().set("status", Status.SCHEDULED).set("sendAt", sendAt).set("localSendAt", localSendAt),
				FindAndModifyOptions.options().returnNew(true), NudgeDocument.class);
		if (approved != null) {
			addTo(SCHEDULED, id);
		}
		return Optional.ofNullable(approved);
	}

	Optional<AdaptiveSettings> settingsOf(String clientId) {
		return Optional.ofNullable(this.mongo.findById(clientId, AdaptiveSettings.class));
	}

	void save(AdaptiveSettings settings) {
		this.mongo.save(settings);
		if (settings.enabled()) {
			addTo(ADAPTIVE, settings.clientId());
		}
		else {
			removeFrom(ADAPTIVE, settings.clientId());
		}
	}

	List<AdaptiveSettings> adaptiveOn() {
		List<String> clients = ids(ADAPTIVE);
		if (clients.isEmpty()) {
			return List.of();
		}
		return this.mongo.find(Query.query(Criteria.where("_id").in(clients)), AdaptiveSettings.class)
			.stream()
			.filter(AdaptiveSettings::enabled)
			.toList();
	}

	List<TemplateDocument> templatesOf(String therapistId) {
		List<String> ids = ids(templateKey(therapistId));
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.mongo.find(Query.query(Criteria.where("_id").in(ids)), TemplateDocument.class);
	}

	void insert(TemplateDocument template) {
		this.mongo.insert(template);
		addTo(templateKey(template.therapistId()), template.id());
	}

	boolean deleteTemplate(String therapistId, String id) {
		boolean deleted = this.mongo
			.remove(Query.query(Criteria.where("_id").is(id).and("therapistId").is(therapistId)),
					TemplateDocument.class)
			.getDeletedCount() == 1;
		if (deleted) {
			removeFrom(templateKey(therapistId), id);
		}
		return deleted;
	}

	private List<NudgeDocument> findAllById(Collection<String> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.mongo.find(Query.query(Criteria.where("_id").in(ids)), NudgeDocument.class);
	}

	private List<String> ids(String key) {
		Document index = this.mongo.findById(key, Document.class, INDEX);
		return (index != null) ? index.getList("ids", String.class, List.of()) : List.of();
	}

	private void addTo(String key, String id) {
		this.mongo.upsert(Query.query(Criteria.where("_id").is(key)), new Update().addToSet("ids", id), INDEX);
	}

	private void removeFrom(String key, String id) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(key)), new Update().pull("ids", id), INDEX);
	}

	private static String clientKey(String clientId) {
		return "client:" + clientId;
	}

	private static String templateKey(String therapistId) {
		return "templates:" + therapistId;
	}

	/**
	 * Every nudge of a client, also one the index lost (found by a scan, for export and
	 * erasure), read by id like every other read.
	 */
	List<NudgeDocument> allOf(String clientId) {
		java.util.Set<String> ids = new java.util.LinkedHashSet<>(ids(clientKey(clientId)));
		Query ofClient = Query.query(Criteria.where("clientId").is(clientId));
		ofClient.fields().include("_id");
		this.mongo.find(ofClient, Document.class, NudgeDocument.COLLECTION)
			.forEach((nudge) -> ids.add(nudge.getString("_id")));
		return findAllById(ids);
	}

	/**
	 * Deletes every nudge of a client (also from the scheduled index), their index entry
	 * and their adaptive settings.
	 */
	void deleteAllOf(String clientId) {
		List<String> ids = allOf(clientId).stream().map(NudgeDocument::id).toList();
		if (!ids.isEmpty()) {
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(SCHEDULED)),
					new Update().pullAll("ids", ids.toArray()), INDEX);
		}
		this.mongo.remove(Query.query(Criteria.where("clientId").is(clientId)), NudgeDocument.class);
		this.mongo.remove(Query.query(Criteria.where("_id").is(clientKey(clientId))), INDEX);
		removeFrom(ADAPTIVE, clientId);
		this.mongo.remove(Query.query(Criteria.where("_id").is(clientId)), AdaptiveSettings.class);
	}

}
