package be.cocon.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
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

/**
 * Messages and their dedup records. A dedup record ({@code _id} = sender + client message
 * id) is claimed with the message's sequence number before the message is inserted, so a
 * resend, even a concurrent one, never creates a second message, and whoever takes over a
 * claim whose sender died stores the message under that same number (its {@code _id}),
 * never a second time. A resend of a stored message is recognised by its claim: the
 * message with the claimed number.
 */
@Repository
class Messages {

	static final String DEDUP = "message_dedup";

	private final MongoTemplate mongo;

	Messages(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * @param seq the number the message will be stored under (null only in claims left by
	 * earlier versions, which claimed before numbering)
	 * @return true when this call claimed the id; false when it was claimed before
	 */
	boolean claim(String dedupId, String conversationId, @Nullable Long seq, Instant at) {
		Document claim = new Document("_id", dedupId).append("conversationId", conversationId)
			.append("claimedAt", Date.from(at));
		if (seq != null) {
			claim.append("seq", seq);
		}
		try {
			this.mongo.insert(claim, DEDUP);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * Takes over a claim whose sender died before completing it.
	 * @return the claim as taken over (with the sequence number the sender had reserved,
	 * if it got that far), or empty when the claim is not stale or no longer open
	 */
	Optional<Document> takeOverStaleClaim(String dedupId, Instant claimedBefore, Instant now) {
		Query stale = Query.query(Criteria.where("_id")
			.is(dedupId)
			.and("messageId")
			.exists(false)
			.and("claimedAt")
			.lt(Date.from(claimedBefore)));
		return Optional.ofNullable(this.mongo.findAndModify(stale, new Update().set("claimedAt", Date.from(now)),
				FindAndModifyOptions.options().returnNew(true), Document.class, DEDUP));
	}

	/** Forgets a claim, so the message can be claimed afresh. */
	void forgetClaim(String dedupId) {
		this.mongo.remove(Query.query(Criteria.where("_id").is(dedupId)), DEDUP);
	}

	Optional<Document> findClaim(String dedupId) {
		return Optional.ofNullable(this.mongo.findById(dedupId, Document.class, DEDUP));
	}

	/**
	 * Inserts the message unless one with its id (conversation and seq) is stored
	 * already, which happens when a claim is taken over after its sender inserted the
	 * message but died before completing the claim.
	 * @return the stored message: this one, or the one stored before
	 */
	MessageDocument insertIfAbsent(MessageDocument message) {
		try {
			return this.mongo.insert(message);
		}
		catch (DuplicateKeyException ex) {
			return findById(message.id()).orElseThrow(() -> ex);
		}
	}

	Optional<MessageDocument> findById(String id) {
		return Optional.ofNullable(this.mongo.findById(id, MessageDocument.class));
	}

	/** Messages with sequence numbers {@code from..to} (inclusive), in order. */
	List<MessageDocument> range(String conversationId, long from, long to) {
		if (to < from) {
			return List.of();
		}
		List<String> ids = new ArrayList<>();
		for (long seq = from; seq <= to; seq++) {
			ids.add(MessageDocument.idOf(conversationId, seq));
		}
		List<MessageDocument> found = new ArrayList<>(
				this.mongo.find(Query.query(Criteria.where("_id").in(ids)), MessageDocument.class));
		found.sort(Comparator.comparingLong(MessageDocument::seq));
		return found;
	}

	/** Deletes every message of a conversation (a scan, for erasure only). */
	void deleteConversation(String conversationId) {
		this.mongo.remove(Query.query(Criteria.where("conversationId").is(conversationId)), MessageDocument.class);
	}

	/**
	 * Deletes the dedup records of these conversations and of this sender (whose ids
	 * begin with the sender's id); a scan, for erasure only.
	 */
	void deleteClaims(java.util.Collection<String> conversationIds, String senderIdPattern) {
		this.mongo.remove(Query.query(new Criteria().orOperator(Criteria.where("conversationId").in(conversationIds),
				Criteria.where("_id").regex(senderIdPattern))), DEDUP);
	}

}
