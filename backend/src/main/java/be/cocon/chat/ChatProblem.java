package be.cocon.chat;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

import be.cocon.platform.ApiProblem;

/**
 * A refused chat action; answered on STOMP as an error event on
 * {@code /user/queue/errors} with the code and the client's message id, and on REST as a
 * problem detail.
 */
class ChatProblem extends ApiProblem {

	private final @Nullable String clientMessageId;

	ChatProblem(int status, String code, String detail, @Nullable String clientMessageId) {
		super(HttpStatus.valueOf(status), code, detail);
		this.clientMessageId = clientMessageId;
	}

	/**
	 * The answer both when the conversation does not exist and when the caller does not
	 * take part in it: conversation ids are predictable
	 * ({@code therapy-<client>-<therapist>}), so telling the two apart would let anyone
	 * find out who is whose therapist.
	 */
	public static ChatProblem notFound(String conversationId, @Nullable String clientMessageId) {
		return new ChatProblem(404, "conversation.not-found",
				"There is no conversation " + conversationId + " that you take part in.", clientMessageId);
	}

	public static ChatProblem invalid(String code, String detail, @Nullable String clientMessageId) {
		return new ChatProblem(400, code, detail, clientMessageId);
	}

	@Nullable String clientMessageId() {
		return this.clientMessageId;
	}

}
