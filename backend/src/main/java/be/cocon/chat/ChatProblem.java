package be.cocon.chat;

import org.jspecify.annotations.Nullable;

/**
 * A refused chat action; answered on STOMP as an error event on
 * {@code /user/queue/errors} with the code and the client's message id, and on REST as a
 * problem detail.
 */
class ChatProblem extends RuntimeException {

	private final String code;

	private final int status;

	private final @Nullable String clientMessageId;

	ChatProblem(int status, String code, String detail, @Nullable String clientMessageId) {
		super(detail);
		this.status = status;
		this.code = code;
		this.clientMessageId = clientMessageId;
	}

	static ChatProblem notParticipant(String conversationId, @Nullable String clientMessageId) {
		return new ChatProblem(403, "conversation.not-participant",
				"You do not take part in conversation " + conversationId + ".", clientMessageId);
	}

	static ChatProblem notFound(String conversationId, @Nullable String clientMessageId) {
		return new ChatProblem(404, "conversation.not-found", "There is no conversation " + conversationId + ".",
				clientMessageId);
	}

	static ChatProblem invalid(String code, String detail, @Nullable String clientMessageId) {
		return new ChatProblem(400, code, detail, clientMessageId);
	}

	String code() {
		return this.code;
	}

	int status() {
		return this.status;
	}

	@Nullable String clientMessageId() {
		return this.clientMessageId;
	}

}
