package be.cocon.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import be.cocon.privacy.Encrypted;

/**
 * A conversation as stored: its participants, the last sequence number handed out (the
 * per-conversation counter), a preview of the last message and each participant's read
 * marker. Moderators who stepped in on an escalation are listed as participants and as
 * moderators while they take part. A closed conversation ({@code closedAt} set) can be
 * read but no longer written.
 */
@Document(ConversationDocument.COLLECTION)
record ConversationDocument(@Id String id, ConversationKind kind, List<String> participants, Instant createdAt,
		long lastSeq, @Nullable Preview lastMessage, Map<String, Long> readMarkers, @Nullable List<String> moderators,
		@Nullable Map<String, Instant> lastSentAt, @Nullable Instant closedAt) {

	static final String COLLECTION = "conversations";

	/** The therapy conversation of a client and a therapist has a computable id. */
	static String therapyId(String clientId, String therapistId) {
		return "therapy-" + clientId + "-" + therapistId;
	}

	/** A client's support conversation with moderators has a computable id. */
	static String supportId(String clientId) {
		return "support-" + clientId;
	}

	/**
	 * Whether this participant takes part as a moderator (their messages are marked so).
	 */
	boolean isModerator(String userId) {
		return this.moderators != null && this.moderators.contains(userId);
	}

	/**
	 * Whether nobody may write here any more: a therapy conversation is closed when the
	 * client moves to another therapist (or is left without one), so the former therapist
	 * keeps the history up to the move and nothing after it.
	 */
	boolean isClosed() {
		return this.closedAt != null;
	}

	boolean hasParticipant(String userId) {
		return this.participants.contains(userId);
	}

	/** When this participant last wrote here, or null. */
	@Nullable Instant lastSentBy(String userId) {
		return (this.lastSentAt != null) ? this.lastSentAt.get(userId) : null;
	}

	long readMarkerOf(String userId) {
		return this.readMarkers.getOrDefault(userId, 0L);
	}

	/**
	 * @param seq sequence number
	 * @param senderId who wrote it
	 * @param text the first characters
	 * @param at when
	 */
	record Preview(long seq, String senderId, @Encrypted String text, Instant at) {
	}

}
