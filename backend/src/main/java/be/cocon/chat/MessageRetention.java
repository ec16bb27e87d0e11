package be.cocon.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import be.cocon.privacy.RetentionPurge;

/**
 * Deletes chat messages past their retention period. Sequence numbers follow time, so per
 * conversation the expired messages are a prefix: they are read from the first kept
 * number up by computed ids ({@code <conversation>:<seq>}, {@code _id $in}) until the
 * first message that is recent enough. The conversation first notes how far this purge
 * goes ({@value #PURGING_THROUGH}), then the dedup records and the messages are deleted,
 * then it notes the highest number purged ({@value #PURGED_THROUGH}), which history pages
 * start after, and loses its preview when that was purged too. A purge cut off halfway is
 * finished from the first note by the next run.
 */
@Component
class MessageRetention implements RetentionPurge {

	static final String PURGED_THROUGH = "purgedThroughSeq";

	/**
	 * Set while the messages up to it are being deleted, so a cut-off purge finishes
	 * them.
	 */
	static final String PURGING_THROUGH = "purgingThroughSeq";

	private static final int WINDOW = 100;

	private final MongoTemplate mongo;

	MessageRetention(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Kind kind() {
		return Kind.MESSAGES;
	}

	@Override
	public Batch purge(Instant cutoff, @Nullable String after, int batchSize) {
		Query owners = (after != null) ? Query.query(Criteria.where("_id").gt(after)) : new Query();
		owners.with(Sort.by("_id")).limit(batchSize);
		owners.fields().include("lastSeq", PURGED_THROUGH, PURGING_THROUGH);
		List<Document> conversations = this.mongo.find(owners, Document.class, ConversationDocument.COLLECTION);
		if (conversations.isEmpty()) {
			return Batch.done();
		}
		long purged = 0;
		for (Document conversation : conversations) {
			purged += purge(conversation, cutoff);
		}
		return new Batch(conversations.get(conversations.size() - 1).getString("_id"), purged);
	}

	private long purge(Document conversation, Instant cutoff) {
		String id = conversation.getString("_id");
		long last = number(conversation, "lastSeq");
		long through = number(conversation, PURGED_THROUGH);
		long purged = 0;
		long pending = number(conversation, PURGING_THROUGH);
		if (pending > through) {
			// a purge stopped halfway: everything up to its mark had expired then, so now
			// too
			purged += delete(id, window(id, through + 1, pending));
			through = markPurged(id, pending);
		}
		for (long next = through + 1; next <= last; next += WINDOW) {
			List<Document> expired = new ArrayList<>();
			boolean recent = false;
			for (Document message : window(id, next, Math.min(next + WINDOW - 1, last))) {
				if (!message.getDate("createdAt").toInstant().isBefore(cutoff)) {
					recent = true;
					break;
				}
				expired.add(message);
			}
			if (!expired.isEmpty()) {
				long upTo = number(expired.get(expired.size() - 1), "seq");
				this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
						new Update().set(PURGING_THROUGH, upTo), ConversationDocument.COLLECTION);
				purged += delete(id, expired);
				markPurged(id, upTo);
			}
			if (recent) {
				break;
			}
		}
		return purged;
	}

	/**
	 * Notes that the messages up to {@code seq} are gone: history starts after it, and a
	 * preview of one of them is removed.
	 */
	private long markPurged(String id, long seq) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().max(PURGED_THROUGH, seq).unset(PURGING_THROUGH), ConversationDocument.COLLECTION);
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("lastMessage.seq").lte(seq)),
				new Update().unset("lastMessage"), ConversationDocument.COLLECTION);
		return seq;
	}

	/**
	 * The stored messages with these numbers, in order (numbers never written are gaps).
	 */
	private List<Document> window(String conversationId, long from, long to) {
		List<String> ids = new ArrayList<>();
		for (long seq = from; seq <= to; seq++) {
			ids.add(MessageDocument.idOf(conversationId, seq));
		}
		Query query = Query.query(Criteria.where("_id").in(ids));
		query.fields().include("seq", "createdAt", "senderId", "clientMessageId");
		List<Document> found = new ArrayList<>(this.mongo.find(query, Document.class, MessageDocument.COLLECTION));
		found.sort(Comparator.comparingLong((message) -> number(message, "seq")));
		return found;
	}

	/**
	 * Deletes the dedup records of the messages (keyed as the send or post made them),
	 * then the messages: cut off in between, the next run finds the messages again.
	 */
	private long delete(String conversationId, List<Document> messages) {
		if (messages.isEmpty()) {
			return 0;
		}
		List<String> dedup = new ArrayList<>();
		for (Document message : messages) {
			String sender = message.getString("senderId");
			String clientMessageId = message.getString("clientMessageId");
			if (sender != null && clientMessageId != null) {
				dedup.add(sender + ":" + clientMessageId.toLowerCase(Locale.ROOT));
				dedup.add(conversationId + ":" + sender + ":" + clientMessageId);
			}
		}
		if (!dedup.isEmpty()) {
			this.mongo.remove(Query.query(Criteria.where("_id").in(dedup)), Messages.DEDUP);
		}
		List<String> ids = messages.stream().map((message) -> message.getString("_id")).toList();
		return this.mongo.remove(Query.query(Criteria.where("_id").in(ids)), MessageDocument.COLLECTION)
			.getDeletedCount();
	}

	private static long number(Document doc, String field) {
		Number value = doc.get(field, Number.class);
		return (value != null) ? value.longValue() : 0;
	}

}
