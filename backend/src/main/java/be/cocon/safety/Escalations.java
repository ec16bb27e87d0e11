package be.cocon.safety;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import java.util.Optional;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import be.cocon.platform.Durability;
import be.cocon.safety.EscalationDocument.DismissReason;
import be.cocon.safety.EscalationDocument.Note;
import be.cocon.safety.EscalationDocument.Outcome;
import be.cocon.safety.EscalationDocument.Signal;
import be.cocon.safety.EscalationDocument.Status;

/**
 * Escalations in the store, designed around computable ids (the embedded store scans on
 * anything else): a head document per client ({@code _id} = client id) holds the number
 * of the client's latest escalation and whether it is open; index documents list the open
 * and the recently resolved escalation ids. Every state change is one conditional
 * single-document update, so two moderators or two instances cannot both win.
 */
@Repository
class Escalations {

	static final String HEADS = "escalation_heads";

	static final String INDEX = "safety_index";

	static final String OPEN = "open";

	static final String RESOLVED = "resolved";

	static final int RESOLVED_KEPT = 100;

	private final MongoTemplate mongo;

	private final Durability durability;

	Escalations(MongoTemplate mongo, Durability durability) {
		this.mongo = mongo;
		this.durability = durability;
	}

	/**
	 * The id of the client's open escalation, opening a new one unless one is open.
	 * @return the id and whether this call opened it
	 */
	Current openOrCurrent(String clientId) {
		for (int attempt = 0; attempt < 5; attempt++) {
			Document opened = this.mongo.findAndModify(
					Query.query(Criteria.where("_id").is(clientId).and(OPEN).is(false)),
					new Update().set(OPEN, true).inc("n", 1), FindAndModifyOptions.options().returnNew(true),
					Document.class, HEADS);
			if (opened != null) {
				return new Current(EscalationDocument.idOf(clientId, number(opened)), true);
			}
			Document head = this.mongo.findById(clientId, Document.class, HEADS);
			if (head != null && head.getBoolean(OPEN, false)) {
				return new Current(EscalationDocument.idOf(clientId, number(head)), false);
			}
			if (head == null) {
				try {
					this.mongo.insert(new Document("_id", clientId).append("n", 1L).append(OPEN, true), HEADS);
					return new Current(EscalationDocument.idOf(clientId, 1), true);
				}
				catch (DuplicateKeyException ex) {
					// another signal created the head at the same moment; read it again
				}
			}
		}
		throw new IllegalStateException("Could not open an escalation for " + clientId);
	}

	/** The open escalation of each of these clients that has one. */
	List<String> openIdsOf(Collection<String> clientIds) {
		if (clientIds.isEmpty()) {
			return List.of();
		}
		return this.mongo.find(Query.query(Criteria.where("_id").in(clientIds)), Document.class, HEADS)
			.stream()
			.filter((head) -> head.getBoolean(OPEN, false))
			.map((head) -> EscalationDocument.idOf(head.getString("_id"), number(head)))
			.toList();
	}

	/**
	 * Adds a signal; creates the escalation document if this is its first signal. Keeps
	 * at most {@code maxSignals} signals but counts them all. A HIGH or MEDIUM signal
	 * raises a review item to an escalation of its severity, and a HIGH signal raises a
	 * MEDIUM escalation; each raise is one conditional update, so of two signals at once
	 * exactly one raises a review item.
	 * @return whether this signal raised a review item to an escalation
	 */
	boolean addSignal(String id, String clientId, @Nullable String therapistId, Signal signal, int maxSignals) {
		Update update = new Update().setOnInsert("clientId", clientId)
			.setOnInsert("therapistId", therapistId)
			.setOnInsert("status", Status.OPEN)
			.setOnInsert("severity", signal.severity())
			.setOnInsert("category", signal.category())
			.setOnInsert("openedAt", signal.at())
			.setOnInsert("overdue", false)
			.setOnInsert("alerts", 0)
			.setOnInsert("escalatedFromReview", false)
			.inc("signalCount", 1);
		if (signal.severity() != Severity.REVIEW) {
			update.setOnInsert("raisedAt", signal.at());
		}
		Query query = Query.query(Criteria.where("_id").is(id));
		this.mongo.upsert(query, update, EscalationDocument.class);
		Query room = Query.query(Criteria.where("_id").is(id).and("signalCount").lte(maxSignals));
		this.mongo.updateFirst(room, new Update().push("signals", signal), EscalationDocument.class);
		boolean raised = signal.severity() != Severity.REVIEW && raiseReview(id, signal);
		if (!raised && signal.severity() == Severity.HIGH) {
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("severity").is(Severity.MEDIUM)),
					withCategory(new Update().set("severity", Severity.HIGH), signal.category()),
					EscalationDocument.class);
		}
		if (signal.category() != null) {
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("category").is(null)),
					new Update().set("category", signal.category()), EscalationDocument.class);
		}
		this.mongo.upsert(Query.query(Criteria.where("_id").is(OPEN)), new Update().addToSet("ids", id), INDEX);
		// the message that carried the signal is acknowledged after this returns: a crash
		// right after the acknowledgement must not lose the signal
		this.durability.awaitDurable();
		return raised;
	}

	/**
	 * Whether the escalation holds a signal from this message already (it is assessed
	 * again when it is published again after a crash).
	 */
	boolean hasSignalFrom(String id, String conversationId, long seq) {
		return this.mongo.exists(
				Query.query(Criteria.where("_id")
					.is(id)
					.and("signals")
					.elemMatch(Criteria.where("conversationId").is(conversationId).and("seq").is(seq))),
				EscalationDocument.class);
	}

	private boolean raiseReview(String id, Signal signal) {
		Update raise = withCategory(new Update().set("severity", signal.severity()), signal.category())
			.set("raisedAt", signal.at())
			.set("escalatedFromReview", true);
		return this.mongo.updateFirst(unresolvedReview(id), raise, EscalationDocument.class).getModifiedCount() == 1;
	}

	/**
	 * A moderator raises a review item to an escalation of this severity.
	 * @return the raised escalation, empty when it is no longer an unresolved review item
	 */
	Optional<EscalationDocument> escalateReview(String id, Severity severity, Instant now) {
		return Optional.ofNullable(this.mongo.findAndModify(unresolvedReview(id),
				new Update().set("severity", severity).set("raisedAt", now).set("escalatedFromReview", true),
				FindAndModifyOptions.options().returnNew(true), EscalationDocument.class));
	}

	/**
	 * A moderator dismisses a review item (no claim needed) and the client's head closes.
	 * @return the dismissed item, empty when it is no longer an unresolved review item
	 */
	Optional<EscalationDocument> dismissReview(String id, String moderatorId, DismissReason reason,
			@Nullable String note, Instant now) {
		EscalationDocument dismissed = this.mongo.findAndModify(unresolvedReview(id),
				new Update().set("status", Status.RESOLVED)
					.set("resolvedBy", moderatorId)
					.set("resolvedAt", now)
					.set("outcome", Outcome.DISMISSED)
					.set("dismissReason", reason)
					.set("resolutionNote", note),
				FindAndModifyOptions.options().returnNew(true), EscalationDocument.class);
		if (dismissed == null) {
			return Optional.empty();
		}
		closeHead(dismissed);
		return Optional.of(dismissed);
	}

	/** How many of the open items are review items (read by id from the open index). */
	long openReviews() {
		List<String> ids = indexed(OPEN);
		if (ids.isEmpty()) {
			return 0;
		}
		Query query = Query.query(Criteria.where("_id").in(ids));
		query.fields().include("severity", "status");
		return this.mongo.find(query, Document.class, EscalationDocument.COLLECTION)
			.stream()
			.filter((item) -> Severity.REVIEW.name().equals(item.getString("severity"))
					&& !Status.RESOLVED.name().equals(item.getString("status")))
			.count();
	}

	private static Query unresolvedReview(String id) {
		return Query.query(Criteria.where("_id")
			.is(id)
			.and("severity")
			.is(Severity.REVIEW)
			.and("status")
			.in(Status.OPEN, Status.CLAIMED));
	}

	private static Update withCategory(Update update, @Nullable Category category) {
		return (category != null) ? update.set("category", category) : update;
	}

	/**
	 * Notes that a crisis card is shown in this conversation now, unless one was shown
	 * after {@code notBefore}. @return whether to show it
	 */
	boolean takeCrisisCard(String id, String conversationId, Instant now, Instant notBefore) {
		String field = "crisisCards." + conversationId;
		Query due = Query.query(Criteria.where("_id")
			.is(id)
			.orOperator(Criteria.where(field).exists(false), Criteria.where(field).lt(notBefore)));
		return this.mongo.updateFirst(due, new Update().set(field, now), EscalationDocument.class)
			.getModifiedCount() == 1;
	}

	Optional<EscalationDocument> findById(String id) {
		return Optional.ofNullable(this.mongo.findById(id, EscalationDocument.class));
	}

	List<EscalationDocument> findAllById(Collection<String> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.mongo.find(Query.query(Criteria.where("_id").in(ids)), EscalationDocument.class);
	}

	List<String> indexed(String which) {
		Document index = this.mongo.findById(which, Document.class, INDEX);
		return (index != null) ? index.getList("ids", String.class, List.of()) : List.of();
	}

	/** Claims an open escalation; exactly one of several concurrent claims succeeds. */
	Optional<EscalationDocument> claim(String id, String moderatorId, Instant now) {
		return Optional.ofNullable(
				this.mongo.findAndModify(Query.query(Criteria.where("_id").is(id).and("status").is(Status.OPEN)),
						new Update().set("status", Status.CLAIMED).set("claimedBy", moderatorId).set("claimedAt", now),
						FindAndModifyOptions.options().returnNew(true), EscalationDocument.class));
	}

	boolean setJoined(String id, String moderatorId, String conversationId) {
		return this.mongo
			.updateFirst(claimedBy(id, moderatorId), new Update().set("joinedConversationId", conversationId),
					EscalationDocument.class)
			.getModifiedCount() == 1;
	}

	boolean addNote(String id, Note note) {
		return this.mongo
			.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().push("notes", note),
					EscalationDocument.class)
			.getModifiedCount() == 1;
	}

	/** Resolves an escalation claimed by this moderator and closes the client's head. */
	Optional<EscalationDocument> resolve(String id, String moderatorId, Outcome outcome, @Nullable String note,
			Instant now) {
		EscalationDocument resolved = this.mongo.findAndModify(claimedBy(id, moderatorId),
				new Update().set("status", Status.RESOLVED)
					.set("resolvedBy", moderatorId)
					.set("resolvedAt", now)
					.set("outcome", outcome)
					.set("resolutionNote", note),
				FindAndModifyOptions.options().returnNew(true), EscalationDocument.class);
		if (resolved == null) {
			return Optional.empty();
		}
		closeHead(resolved);
		return Optional.of(resolved);
	}

	/**
	 * Marks an unclaimed escalation overdue and counts an alert, unless another instance
	 * did so since {@code seenAlerts}. @return the updated escalation if this call did it
	 */
	Optional<EscalationDocument> markOverdue(String id, int seenAlerts, Instant now) {
		return Optional.ofNullable(this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(id).and("status").is(Status.OPEN).and("alerts").is(seenAlerts)),
				new Update().set("overdue", true).set("lastAlertAt", now).inc("alerts", 1),
				FindAndModifyOptions.options().returnNew(true), EscalationDocument.class));
	}

	/**
	 * Closes the client's head if it still points at this resolved escalation, and takes
	 * it off the open index; safe to repeat.
	 */
	void closeHead(EscalationDocument resolved) {
		long n = Long.parseLong(resolved.id().substring(resolved.id().lastIndexOf(':') + 1));
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(resolved.clientId()).and("n").is(n)),
				new Update().set(OPEN, false), HEADS);
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(OPEN)), new Update().pull("ids", resolved.id()),
				INDEX);
		Document index = this.mongo.findById(RESOLVED, Document.class, INDEX);
		List<String> kept = new ArrayList<>(
				(index != null) ? index.getList("ids", String.class, List.of()) : List.of());
		kept.remove(resolved.id());
		kept.add(resolved.id());
		// the recently resolved list is a convenience for the console; a lost update here
		// only drops an id from that list, never an escalation
		List<String> trimmed = kept.subList(Math.max(0, kept.size() - RESOLVED_KEPT), kept.size());
		this.mongo.upsert(Query.query(Criteria.where("_id").is(RESOLVED)), new Update().set("ids", trimmed), INDEX);
	}

	private static Query claimedBy(String id, String moderatorId) {
		return Query
			.query(Criteria.where("_id").is(id).and("status").is(Status.CLAIMED).and("claimedBy").is(moderatorId));
	}

	private static long number(Document head) {
		Object n = head.get("n");
		return (n instanceof Number number) ? number.longValue() : 1L;
	}

	/** The client's open escalation. */
	record Current(String id, boolean opened) {
	}

	/**
	 * Every escalation of a client, found by a scan (for export and erasure only) and
	 * read by id like every other read.
	 */
	List<EscalationDocument> allOf(String clientId) {
		Query ofClient = Query.query(Criteria.where("clientId").is(clientId));
		ofClient.fields().include("_id");
		return findAllById(this.mongo.find(ofClient, Document.class, EscalationDocument.COLLECTION)
			.stream()
			.map((escalation) -> escalation.getString("_id"))
			.toList());
	}

	/**
	 * Resolves an unresolved escalation with {@code CLIENT_DELETED} and closes the head.
	 * @return the closed escalation, empty when it was resolved already
	 */
	Optional<EscalationDocument> closeForErasure(String id, Instant now) {
		EscalationDocument closed = this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(id).and("status").in(Status.OPEN, Status.CLAIMED)),
				new Update().set("status", Status.RESOLVED)
					.set("resolvedAt", now)
					.set("outcome", Outcome.CLIENT_DELETED),
				FindAndModifyOptions.options().returnNew(true), EscalationDocument.class);
		if (closed == null) {
			return Optional.empty();
		}
		closeHead(closed);
		return Optional.of(closed);
	}

	/**
	 * Stores the escalation again under the replacement id, without anything the client
	 * wrote or that points at them (signal texts and highlights, conversations, moderator
	 * notes, the resolution note), deletes the original and points the indexes at the
	 * copy. What staff did and when stays for accountability and the figures.
	 */
	void anonymise(EscalationDocument escalation, be.cocon.privacy.ErasedClient client) {
		String id = client.rekey(escalation.id());
		List<Signal> signals = escalation.signalList()
			.stream()
			.map((signal) -> new Signal(signal.source(), signal.category(), signal.severity(), "", null, null,
					signal.at(), client.rekey(signal.byId()), signal.rules(), signal.reasons(), List.of(),
					signal.questionnaire(), signal.contextUsed()))
			.toList();
		this.mongo.save(new EscalationDocument(id, client.replacementId(), escalation.therapistId(),
				escalation.status(), escalation.severity(), escalation.category(), escalation.openedAt(),
				escalation.overdue(), escalation.alerts(), escalation.lastAlertAt(), escalation.claimedBy(),
				escalation.claimedAt(), null, escalation.resolvedBy(), escalation.resolvedAt(), escalation.outcome(),
				null, signals, escalation.signalCount(), List.of(), null, escalation.raisedAt(),
				escalation.escalatedFromReview(), escalation.dismissReason()));
		this.mongo.remove(Query.query(Criteria.where("_id").is(escalation.id())), EscalationDocument.class);
		for (String which : List.of(OPEN, RESOLVED)) {
			List<String> ids = indexed(which);
			if (ids.contains(escalation.id())) {
				List<String> renamed = ids.stream().map((entry) -> entry.equals(escalation.id()) ? id : entry).toList();
				this.mongo.updateFirst(Query.query(Criteria.where("_id").is(which)), new Update().set("ids", renamed),
						INDEX);
			}
		}
	}

	/** Deletes the client's head document. */
	void forgetHead(String clientId) {
		this.mongo.remove(Query.query(Criteria.where("_id").is(clientId)), HEADS);
	}

}
