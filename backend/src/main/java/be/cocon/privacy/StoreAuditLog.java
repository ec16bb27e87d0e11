package be.cocon.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import be.cocon.platform.Durability;

/**
 * The audit log in the store: entries are only ever inserted, each under a new
 * {@code _id}, and listed per subject in an index document ({@code _id} = subject id), so
 * reading a client's entries is an {@code _id} read plus an {@code _id $in}. The one
 * change ever made to an entry is the erasure of its client ({@link #reassign}).
 */
@Component
class StoreAuditLog implements AuditLog {

	static final String COLLECTION = "audit_log";

	static final String BY_SUBJECT = "audit_by_subject";

	private final MongoTemplate mongo;

	private final Durability durability;

	private final Clock clock;

	StoreAuditLog(MongoTemplate mongo, Durability durability, Clock clock) {
		this.mongo = mongo;
		this.durability = durability;
		this.clock = clock;
	}

	@Override
	public void record(String actorId, String action, String subjectId, Map<String, String> details) {
		write(actorId, action, subjectId, details);
		this.durability.awaitDurable();
	}

	@Override
	public void recordUncommitted(String actorId, String action, String subjectId, Map<String, String> details) {
		write(actorId, action, subjectId, details);
	}

	@Override
	public void recordEach(String actorId, String action, Collection<String> subjectIds, Map<String, String> details) {
		if (subjectIds.isEmpty()) {
			return;
		}
		subjectIds.forEach((subjectId) -> write(actorId, action, subjectId, details));
		this.durability.awaitDurable();
	}

	private void write(String actorId, String action, String subjectId, Map<String, String> details) {
		Instant now = this.clock.instant();
		String id = now.toEpochMilli() + "-" + UUID.randomUUID();
		this.mongo.insert(new Document("_id", id).append("at", Date.from(now))
			.append("actorId", actorId)
			.append("action", action)
			.append("subjectId", subjectId)
			.append("details", new Document(details)), COLLECTION);
		this.mongo.upsert(Query.query(Criteria.where("_id").is(subjectId)), new Update().push("entryIds", id),
				BY_SUBJECT);
	}

	/** The newest entries about a subject, newest first. */
	List<Document> about(String subjectId, int limit) {
		Document index = this.mongo.findById(subjectId, Document.class, BY_SUBJECT);
		List<String> ids = (index != null) ? index.getList("entryIds", String.class, List.of()) : List.of();
		List<String> newest = ids.subList(Math.max(0, ids.size() - limit), ids.size());
		if (newest.isEmpty()) {
			return List.of();
		}
		List<Document> entries = new ArrayList<>(
				this.mongo.find(Query.query(Criteria.where("_id").in(newest)), Document.class, COLLECTION));
		// the index lists entries in the order they were recorded, also within one
		// millisecond
		entries.sort(Comparator.comparingInt((Document entry) -> newest.indexOf(entry.getString("_id"))).reversed());
		return entries;
	}

	/** Every entry about a subject, oldest first (the subject's own export). */
	List<Document> allAbout(String subjectId) {
		List<Document> entries = new ArrayList<>(about(subjectId, Integer.MAX_VALUE));
		java.util.Collections.reverse(entries);
		return entries;
	}

	/**
	 * When a client is erased, what staff did stays on record (accountability) but no
	 * longer points at the client: every entry about or by the client, and every detail
	 * that names the client's id, is moved to the replacement id, and so is the index.
	 * Safe to repeat.
	 */
	void reassign(ErasedClient client) {
		String clientId = client.clientId();
		Document index = this.mongo.findById(clientId, Document.class, BY_SUBJECT);
		List<String> ids = new ArrayList<>(
				(index != null) ? index.getList("entryIds", String.class, List.of()) : List.of());
		Criteria mentioned = new Criteria().orOperator(Criteria.where("_id").in(ids),
				Criteria.where("subjectId").is(clientId), Criteria.where("actorId").is(clientId));
		for (Document entry : this.mongo.find(Query.query(mentioned), Document.class, COLLECTION)) {
			String id = entry.getString("_id");
			Update update = new Update();
			if (clientId.equals(entry.getString("subjectId"))) {
				update.set("subjectId", client.replacementId());
				if (!ids.contains(id)) {
					ids.add(id);
				}
			}
			if (clientId.equals(entry.getString("actorId"))) {
				update.set("actorId", client.replacementId());
			}
			Document details = entry.get("details", Document.class);
			if (details != null) {
				details.forEach((key, value) -> {
					if (value instanceof String text && text.contains(clientId)) {
						update.set("details." + key, client.rekey(text));
					}
				});
			}
			if (!update.getUpdateObject().isEmpty()) {
				this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), update, COLLECTION);
			}
		}
		Document moved = this.mongo.findById(client.replacementId(), Document.class, BY_SUBJECT);
		List<String> kept = new ArrayList<>(
				(moved != null) ? moved.getList("entryIds", String.class, List.of()) : List.of());
		ids.stream().filter((id) -> !kept.contains(id)).forEach(kept::add);
		if (!kept.isEmpty()) {
			this.mongo.upsert(Query.query(Criteria.where("_id").is(client.replacementId())),
					new Update().set("entryIds", kept), BY_SUBJECT);
		}
		this.mongo.remove(Query.query(Criteria.where("_id").is(clientId)), BY_SUBJECT);
	}

	/**
	 * /** A page of the entries about a subject, newest first: the {@code limit} entries
	 * recorded before the entry {@code before} (or the newest ones without it).
	 */
	Page pageAbout(String subjectId, @Nullable String before, int limit) {
		Document index = this.mongo.findById(subjectId, Document.class, BY_SUBJECT);
		List<String> ids = (index != null) ? index.getList("entryIds", String.class, List.of()) : List.of();
		int end = ids.size();
		if (before != null) {
			int at = ids.lastIndexOf(before);
			end = (at >= 0) ? at : recordedBefore(ids, before);
		}
		int start = Math.max(0, end - limit);
		List<String> page = ids.subList(start, end);
		if (page.isEmpty()) {
			return new Page(List.of(), false);
		}
		List<Document> entries = new ArrayList<>(
				this.mongo.find(Query.query(Criteria.where("_id").in(page)), Document.class, COLLECTION));
		entries.sort(Comparator.comparingInt((Document entry) -> page.indexOf(entry.getString("_id"))).reversed());
		return new Page(entries, start > 0);
	}

	/**
	 * How many of the listed entries were recorded before an entry that is no longer
	 * listed (e.g. purged): ids begin with the time they were recorded.
	 */
	private static int recordedBefore(List<String> ids, String entryId) {
		long at = millisOf(entryId);
		int count = 0;
		while (count < ids.size() && millisOf(ids.get(count)) < at) {
			count++;
		}
		return count;
	}

	static long millisOf(String entryId) {
		int dash = entryId.indexOf('-');
		return Long.parseLong((dash > 0) ? entryId.substring(0, dash) : entryId);
	}

	/**
	 * @param entries newest first
	 * @param more whether older entries exist
	 */
	record Page(List<Document> entries, boolean more) {
	}

	@Override
	public void recordEach(String actorId, String action, Map<String, Map<String, String>> detailsBySubject) {
		detailsBySubject.forEach((subjectId, details) -> write(actorId, action, subjectId, details));
		this.durability.awaitDurable();
	}

}
