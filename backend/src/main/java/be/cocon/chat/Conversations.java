package be.cocon.chat;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Conversations in the store, and per user the list of their conversation ids
 * ({@code user_conversations}, {@code _id} = user id), so listing is two {@code _id}
 * reads.
 */
@Repository
class Conversations {

	static final String USER_CONVERSATIONS = "user_conversations";

	private final MongoTemplate mongo;

	Conversations(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * Creates the conversation unless it exists; either way every participant lists it.
	 */
	void createIfAbsent(String id, ConversationKind kind, List<String> participants, Instant at) {
		try {
			this.mongo.insert(
					new ConversationDocument(id, kind, participants, at, 0, null, Map.of(), List.of(), Map.of(), null));
		}
		catch (DuplicateKeyException ex) {
			// created before (events are delivered at least once)
		}
		for (String participant : participants) {
			this.mongo.upsert(byId(participant), new Update().addToSet("conversationIds", id), USER_CONVERSATIONS);
		}
	}

	void addParticipant(String id, String userId) {
		this.mongo.updateFirst(byId(id), new Update().addToSet("participants", userId), ConversationDocument.class);
		this.mongo.upsert(byId(userId), new Update().addToSet("conversationIds", id), USER_CONVERSATIONS);
	}

	void addModerator(String id, String userId) {
		this.mongo.updateFirst(byId(id), new Update().addToSet("participants", userId).addToSet("moderators", userId),
				ConversationDocument.class);
		this.mongo.upsert(byId(userId), new Update().addToSet("conversationIds", id), USER_CONVERSATIONS);
	}

	/** Takes a participant out; they no longer list, read or write the conversation. */
	void removeParticipant(String id, String userId) {
		this.mongo.updateFirst(byId(id), new Update().pull("participants", userId).pull("moderators", userId),
				ConversationDocument.class);
		this.mongo.updateFirst(byId(userId), new Update().pull("conversationIds", id), USER_CONVERSATIONS);
	}

	Optional<ConversationDocument> findById(String id) {
		return Optional.ofNullable(this.mongo.findById(id, ConversationDocument.class));
	}

	List<ConversationDocument> findAllById(Collection<String> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.mongo.find(Query.query(Criteria.where("_id").in(ids)), ConversationDocument.class);
	}

	List<String> idsOf(String userId) {
		Document doc = this.mongo.findById(userId, Document.class, USER_CONVERSATIONS);
		return (doc != null) ? doc.getList("conversationIds", String.class, List.of()) : List.of();
	}

	/**
	 * Numbers the next message of a conversation, atomically on the store.
	 * @return the conversation as numbered (its {@code lastSeq} is the new number), or
	 * empty when it does not exist
	 */
	Optional<ConversationDocument> number(String id) {
		return Optional.ofNullable(this.mongo.findAndModify(byId(id), new Update().inc("lastSeq", 1),
				FindAndModifyOptions.options().returnNew(true), ConversationDocument.class));
	}

	/**
	 * Numbers a participant's next message and moves their last-sent time up, in one
	 * update by {@code _id} (on the embedded store any other criterion in an update makes
	 * it scan the whole collection). Whether they may write is decided on the
	 * conversation as this update left it: the caller checks it and gives the number back
	 * otherwise.
	 * @return the conversation as numbered (its {@code lastSeq} is the new number), or
	 * empty when it does not exist
	 */
	Optional<ConversationDocument> numberFor(String id, String senderId, Instant at) {
		return Optional.ofNullable(
				this.mongo.findAndModify(byId(id), new Update().inc("lastSeq", 1).max("lastSentAt." + senderId, at),
						FindAndModifyOptions.options().returnNew(true), ConversationDocument.class));
	}

	/**
	 * Takes back a number that was handed out but will not be used (its message turned
	 * out to be a resend, or the sender may not write there), unless a later number was
	 * handed out since; the caller holds the conversation's lock, so on one instance that
	 * never happens. A conditional update (a scan on the embedded store), so only for
	 * these rare cases.
	 */
	void giveBack(String id, long seq) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("lastSeq").is(seq)),
				new Update().inc("lastSeq", -1), ConversationDocument.class);
	}

	/** Hands out the next sequence number of a conversation, atomically on the store. */
	long nextSeq(String id) {
		return number(id).orElseThrow(() -> new IllegalStateException("Conversation " + id + " vanished")).lastSeq();
	}

	/**
	 * Closes a conversation for writing (again harmless: the first close time is kept);
	 * does nothing when it does not exist.
	 */
	void close(String id, Instant at) {
		this.mongo.updateFirst(byId(id), new Update().min("closedAt", at), ConversationDocument.class);
	}

	/** Opens a closed conversation for writing again. */
	void reopen(String id) {
		this.mongo.updateFirst(byId(id), new Update().unset("closedAt"), ConversationDocument.class);
	}

	/**
	 * After a message is stored: the preview shows it unless a later message already set
	 * it, and its writer's read marker moves up to it (writing a message means having
	 * read the conversation up to it), never back. One update by {@code _id}:
	 * {@code $max} on the preview compares previews by their first field, the sequence
	 * number.
	 */
	void noteStored(String id, ConversationDocument.Preview preview) {
		this.mongo.updateFirst(byId(id), stored(preview), ConversationDocument.class);
	}

	/**
	 * After a module posted a message: as {@link #noteStored}, and in the same update its
	 * writer's last-sent time moves up (for activity overviews), never back. A client's
	 * or therapist's own message moves it in the numbering update instead.
	 */
	void notePosted(String id, ConversationDocument.Preview preview) {
		this.mongo.updateFirst(byId(id), stored(preview).max("lastSentAt." + preview.senderId(), preview.at()),
				ConversationDocument.class);
	}

	private static Update stored(ConversationDocument.Preview preview) {
		return new Update().max("lastMessage", preview).max("readMarkers." + preview.senderId(), preview.seq());
	}

	/** Moves a participant's read marker forward, never back. @return whether it moved */
	boolean raiseReadMarker(String id, String userId, long seq) {
		String field = "readMarkers." + userId;
		Query query = byId(id);
		query.fields().include(field);
		Document before = this.mongo.findAndModify(query, new Update().max(field, seq), Document.class,
				ConversationDocument.COLLECTION);
		if (before == null) {
			return false;
		}
		Number marker = (before.get("readMarkers") instanceof Document markers) ? markers.get(userId, Number.class)
				: null;
		return marker == null || marker.longValue() < seq;
	}

	private static Query byId(String id) {
		return Query.query(Criteria.where("_id").is(id));
	}

	/**
	 * Every conversation this user takes part in (a scan, for erasure and export only).
	 */
	List<ConversationDocument> findWithParticipant(String userId) {
		return this.mongo.find(Query.query(Criteria.where("participants").is(userId)), ConversationDocument.class);
	}

	/**
	 * Deletes a conversation and takes it off the list of everyone who takes (or took)
	 * part. Its messages are deleted separately.
	 */
	void delete(ConversationDocument conversation) {
		java.util.Set<String> people = new java.util.LinkedHashSet<>(conversation.participants());
		if (conversation.moderators() != null) {
			people.addAll(conversation.moderators());
		}
		people.forEach((userId) -> this.mongo.updateFirst(byId(userId),
				new Update().pull("conversationIds", conversation.id()), USER_CONVERSATIONS));
		this.mongo.remove(byId(conversation.id()), ConversationDocument.class);
	}

	/** Forgets a user's list of conversations. */
	void forget(String userId) {
		this.mongo.remove(byId(userId), USER_CONVERSATIONS);
	}

	/**
	 * The highest sequence number whose message was purged for retention (0 when none):
	 * history begins after it.
	 */
	long purgedThrough(String id) {
		Query query = byId(id);
		query.fields().include(MessageRetention.PURGED_THROUGH);
		Document doc = this.mongo.findOne(query, Document.class, ConversationDocument.COLLECTION);
		Number through = (doc != null) ? doc.get(MessageRetention.PURGED_THROUGH, Number.class) : null;
		return (through != null) ? through.longValue() : 0;
	}

}
