package be.cocon.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** What the chat API sends: payloads of STOMP events and REST responses. */
final class ChatViews {

	private ChatViews() {
	}

	/** A message, as delivered live and in history. */
	record MessageView(String id, String conversationId, long seq, String senderId, String clientMessageId,
			MessageKind kind, String body, Map<String, Object> data, Instant createdAt) {

		static MessageView of(MessageDocument message) {
			return new MessageView(message.id(), message.conversationId(), message.seq(), message.senderId(),
					message.clientMessageId(), message.kindOrText(), message.body(),
					(message.data() != null) ? message.data() : Map.of(), message.createdAt());
		}

	}

	/** The acknowledgement of a send: sent only after the message is stored. */
	record Ack(String clientMessageId, String id, String conversationId, long seq, Instant createdAt,
			boolean duplicate) {
	}

	/** A refused action on the STOMP channel. */
	record ErrorEvent(String code, String detail, @Nullable String clientMessageId, @Nullable String destination) {
	}

	record TypingEvent(String conversationId, String userId, boolean typing) {
	}

	record ReadEvent(String conversationId, String userId, long seq) {
	}

	record PresenceEvent(String userId, boolean online) {
	}

	/**
	 * One conversation in a user's list; {@code closedAt} is set when it can no longer be
	 * written (the client moved to another therapist).
	 */
	record ConversationView(String id, String kind, List<Participant> participants, long lastSeq,
			@Nullable Preview lastMessage, long unread, long readSeq, long othersReadSeq, @Nullable Instant closedAt) {
	}

	record Participant(String id, String pseudonym, String role, boolean online) {
	}

	record Preview(long seq, String senderId, String text, Instant at) {
	}

	/** A page of history. */
	record MessagePage(List<MessageView> messages, long lastSeq, boolean hasOlder) {
	}

}
