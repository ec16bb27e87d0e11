package be.cocon.chat;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A message was stored (and acknowledged to its sender). Published once per message, also
 * for other modules such as risk detection.
 *
 * @param conversationId the conversation
 * @param seq its sequence number in the conversation
 * @param senderId the account that wrote it (or {@code guide})
 * @param kind what kind of message
 * @param body the text
 * @param at when it was stored
 * @param data the message's structured data as the browser gets it (e.g. a programme
 * answer's {@code answer}), or {@code null}
 */
public record MessagePosted(String conversationId, long seq, String senderId, MessageKind kind, String body, Instant at,
		@Nullable Map<String, Object> data) {

	/** A message without structured data. */
	public MessagePosted(String conversationId, long seq, String senderId, MessageKind kind, String body, Instant at) {
		this(conversationId, seq, senderId, kind, body, at, null);
	}

}
