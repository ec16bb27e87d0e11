package be.cocon.chat;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import be.cocon.chat.ChatViews.Ack;
import be.cocon.chat.ChatViews.ErrorEvent;
import be.cocon.platform.StoreOutage;

/**
 * The STOMP API (documented in docs/asyncapi.yaml): send a message, signal typing, move
 * the read marker. Every refusal goes to the sender's {@code /user/queue/errors} with a
 * code and the client message id.
 */
@Controller
class ChatStompController {

	private static final Logger log = LoggerFactory.getLogger(ChatStompController.class);

	private final ChatService chat;

	private final ChatDelivery delivery;

	private final ChatSettings settings;

	private final Clock clock;

	private final ObjectMapper json;

	private final StaffAccessAudit audit;

	private final Map<String, Instant> lastTyping = new ConcurrentHashMap<>();

	private final AtomicReference<Instant> typingPrunedAt = new AtomicReference<>(Instant.EPOCH);

	ChatStompController(ChatService chat, ChatDelivery delivery, ChatSettings settings, Clock clock, ObjectMapper json,
			StaffAccessAudit audit) {
		this.audit = audit;
		this.chat = chat;
		this.delivery = delivery;
		this.settings = settings;
		this.clock = clock;
		this.json = json;
	}

	@MessageMapping("/conversations/{conversationId}/messages")
	void send(@DestinationVariable String conversationId, @Payload SendMessage message, Principal user) {
		Ack ack = this.chat.send(user.getName(), conversationId, message.clientMessageId(), message.body());
		if (user instanceof Authentication authentication) {
			this.audit.wrote(authentication, conversationId);
		}
		this.delivery.ack(user.getName(), ack);
	}

	@MessageMapping("/conversations/{conversationId}/typing")
	void typing(@DestinationVariable String conversationId, @Payload Typing typing, Principal user) {
		if (this.chat.participantConversation(user.getName(), conversationId, null).isClosed()) {
			// nobody writes in a closed conversation, so nobody is typing there either
			return;
		}
		String key = user.getName() + ":" + conversationId + ":" + typing.typing();
		Instant now = this.clock.instant();
		Instant last = this.lastTyping.get(key);
		if (last != null && last.plus(this.settings.typingInterval()).isAfter(now)) {
			return;
		}
		this.lastTyping.put(key, now);
		pruneTyping(now);
		this.delivery.typing(conversationId, user.getName(), typing.typing());
	}

	/**
	 * Forgets typing signals older than the interval (they no longer hold anything back),
	 * at most once a minute, so the map holds only recent typers.
	 */
	private void pruneTyping(Instant now) {
		Instant last = this.typingPrunedAt.get();
		if (now.isBefore(last.plus(Duration.ofMinutes(1))) || !this.typingPrunedAt.compareAndSet(last, now)) {
			return;
		}
		Instant expired = now.minus(this.settings.typingInterval());
		this.lastTyping.values().removeIf((at) -> at.isBefore(expired));
	}

	@MessageMapping("/conversations/{conversationId}/read")
	void read(@DestinationVariable String conversationId, @Payload ReadMarker marker, Principal user) {
		this.chat.markRead(user.getName(), conversationId, marker.seq());
	}

	/** Anything sent to an application destination that does not exist. */
	@MessageMapping("/**")
	void unknown(@Header(SimpMessageHeaderAccessor.DESTINATION_HEADER) String destination, Message<?> frame) {
		throw ChatProblem.invalid("destination.unknown", "There is no destination " + destination + ".",
				clientMessageIdIn(frame));
	}

	@MessageExceptionHandler
	void refused(ChatProblem problem, Principal user, @Header(name = SimpMessageHeaderAccessor.DESTINATION_HEADER,
			required = false) @Nullable String destination) {
		this.delivery.error(user.getName(),
				new ErrorEvent(problem.code(), problem.detail(), problem.clientMessageId(), destination));
	}

	@MessageExceptionHandler
	void malformed(MessageConversionException ex, Principal user,
			@Header(name = SimpMessageHeaderAccessor.DESTINATION_HEADER, required = false) @Nullable String destination,
			Message<?> frame) {
		this.delivery.error(user.getName(), new ErrorEvent("payload.malformed",
				"The payload is not the JSON this destination expects.", clientMessageIdIn(frame), destination));
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

	@MessageExceptionHandler
	void failed(Exception ex, Principal user,
			@Header(name = SimpMessageHeaderAccessor.DESTINATION_HEADER, required = false) @Nullable String destination,
			Message<?> frame) {
		if (StoreOutage.causedBy(ex)) {
			// nothing was acknowledged: the browser's outbox sends it again
			log.warn("Chat: store unavailable on {}", destination);
			this.delivery.error(user.getName(),
					new ErrorEvent(StoreOutage.CODE, StoreOutage.DETAIL, clientMessageIdIn(frame), destination));
			return;
		}
		log.error("Chat: unexpected failure on {}", destination, ex);
		this.delivery.error(user.getName(), new ErrorEvent("server.error",
				"Something went wrong on our side; please try again.", null, destination));
	}

	/**
	 * @param clientMessageId the sender's id for this message (a UUID), the same on every
	 * retry
	 * @param body the text
	 */
	record SendMessage(@Nullable String clientMessageId, @Nullable String body) {
	}

	record Typing(boolean typing) {
	}

	record ReadMarker(long seq) {
	}

}
