package be.cocon.chat;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import be.cocon.privacy.Encrypted;

/**
 * A stored message. Its id is computed from the conversation and the sequence number, so
 * a page of history or a resume is one {@code _id $in} query.
 */
@Document(MessageDocument.COLLECTION)
record MessageDocument(@Id String id, String conversationId, long seq, String senderId, String clientMessageId,
		@Nullable MessageKind kind, @Encrypted String body, @Encrypted @Nullable Map<String, Object> data,
		Instant createdAt) {

	static final String COLLECTION = "messages";

	MessageKind kindOrText() {
		return (this.kind != null) ? this.kind : MessageKind.TEXT;
	}

	static String idOf(String conversationId, long seq) {
		return conversationId + ":" + String.format("%012d", seq);
	}

}
