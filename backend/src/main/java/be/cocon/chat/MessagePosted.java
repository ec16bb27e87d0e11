package be.cocon.chat;

import java.time.Instant;

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
 */
public record MessagePosted(String conversationId, long seq, String senderId, MessageKind kind, String body,
		Instant at) {
}
