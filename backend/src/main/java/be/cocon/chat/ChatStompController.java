package be.cocon.chat;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

/**
 * The STOMP API (documented in docs/asyncapi.yaml): send a message, signal typing, move
 * the read marker. Every refusal goes to the sender's {@code /user/queue/errors} with a
 * code and the client message id ({@link StompErrors}).
 */
@Controller
class ChatStompController {

	private final ChatService chat;

	private final ChatDelivery delivery;

	private final ChatSettings settings;

	private final Clock clock;

	private final StaffAccessAudit audit;

	private final Map<String, Instant> lastTyping = new ConcurrentHashMap<>();

	private final AtomicReference<Instant> typingPrunedAt = new AtomicReference<>(Instant.EPOCH);

	ChatStompController(ChatService chat, ChatDelivery delivery, ChatSettings settings, Clock clock,
			StaffAccessAudit audit) {
		this.audit = audit;
		this.chat = chat;
		this.delivery = delivery;
		this.settings = settings;
		this.clock = clock;
	}

	@MessageMapping("/conversations/{conversationId}/messages")
	void send(@DestinationVariable String conversationId, @Payload SendMessage message, Principal user) {
		// stored when this returns; acknowledged once committed, delivered and assessed
		this.chat.send(user.getName(), conversationId, message.clientMessageId(), message.body(), (conversation) -> {
			if (user instanceof Authentication authentication) {
				this.audit.wrote(authentication, conversation);
			}
		}).thenAccept((ack) -> this.delivery.ack(user.getName(), ack));
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

	/**
	 * Anything sent to an application destination that does not exist; answered, like
	 * every refusal, by {@link StompErrors}.
	 */
	@MessageMapping("/**")
	void unknown(@Header(SimpMessageHeaderAccessor.DESTINATION_HEADER) String destination) {
		throw ChatProblem.invalid("destination.unknown", "There is no destination " + destination + ".", null);
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
