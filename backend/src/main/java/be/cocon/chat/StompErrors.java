package be.cocon.chat;

import java.security.Principal;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.web.bind.annotation.ControllerAdvice;

import be.cocon.chat.ChatViews.ErrorEvent;
import be.cocon.platform.ApiProblem;
import be.cocon.platform.StoreOutage;

/**
 * The one answer to a refused SEND on every application destination, whichever module's
 * {@code @MessageMapping} handles it: an {@link ErrorEvent} on the sender's
 * {@code /user/queue/errors} with the code, the destination and, when the payload names
 * one, the client message id. A payload that is not the JSON the destination expects is
 * {@code payload.malformed}; an {@link ApiProblem} from a handler keeps its code;
 * anything else is our fault, logged at ERROR and answered {@code server.error}. Client
 * mistakes are logged at DEBUG, never with the payload.
 */
@ControllerAdvice
class StompErrors {

	private static final Logger log = LoggerFactory.getLogger(StompErrors.class);

	private final ChatDelivery delivery;

	private final ObjectMapper json;

	StompErrors(ChatDelivery delivery, ObjectMapper json) {
		this.delivery = delivery;
		this.json = json;
	}

	@MessageExceptionHandler
	void refused(ApiProblem problem, Message<?> frame) {
		log.debug("STOMP: refused a frame ({})", problem.code());
		String clientMessageId = (problem instanceof ChatProblem chat && chat.clientMessageId() != null)
				? chat.clientMessageId() : clientMessageIdIn(frame);
		answer(frame, problem.code(), String.valueOf(problem.getBody().getDetail()), clientMessageId);
	}

	@MessageExceptionHandler({ MessageConversionException.class, MethodArgumentResolutionException.class })
	void malformed(Exception ex, Message<?> frame) {
		log.debug("STOMP: refused a frame whose payload is not the JSON its destination expects");
		answer(frame, "payload.malformed", "The payload is not the JSON this destination expects.",
				clientMessageIdIn(frame));
	}

	@MessageExceptionHandler
	void failed(Exception ex, Message<?> frame) {
		if (StoreOutage.causedBy(ex)) {
			// an outage, not a bug: nothing was acknowledged, and the browser's outbox
			// sends it again
			log.warn("STOMP: store unavailable while handling a frame");
			answer(frame, StoreOutage.CODE, StoreOutage.DETAIL, clientMessageIdIn(frame));
			return;
		}
		log.error("STOMP: unexpected failure while handling a frame", ex);
		answer(frame, "server.error", "Something went wrong on our side; please try again.", null);
	}

	private void answer(Message<?> frame, String code, String detail, @Nullable String clientMessageId) {
		Principal user = SimpMessageHeaderAccessor.getUser(frame.getHeaders());
		if (user != null) {
			this.delivery.error(user.getName(), new ErrorEvent(code, detail, clientMessageId,
					SimpMessageHeaderAccessor.getDestination(frame.getHeaders())));
		}
	}

	/**
	 * The client message id of a frame that could not be handled, when its payload is a
	 * JSON object whose {@code clientMessageId} is a UUID, so the sender can tell which
	 * message the error is about; otherwise null.
	 */
	private @Nullable String clientMessageIdIn(Message<?> frame) {
		if (!(frame.getPayload() instanceof byte[] payload)) {
			return null;
		}
		try {
			String id = this.json.readTree(payload).path("clientMessageId").asString(null);
			return (id != null && ChatService.CLIENT_MESSAGE_ID.matcher(id).matches()) ? id : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
