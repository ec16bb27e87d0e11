package be.cocon.chat;

import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a live event to every open STOMP session of a user (a user destination such as
 * {@code /queue/escalations}, which the browser subscribes to as
 * {@code /user/queue/escalations}). Every module sends its per-user events through here.
 * <p>
 * The event goes to the user's topic for that kind ({@link UserTopics}), which every
 * session of the user subscribes to: the broker makes one copy per session (each with
 * headers of its own), and with the broker relay it reaches the user's sessions on every
 * instance. When the user has no session open, nobody receives it.
 */
@Component
public class UserEvents {

	/** The user destination prefix ({@code WebSocketConfiguration}). */
	private static final String USER_PREFIX = "/user";

	private final SimpMessagingTemplate broker;

	UserEvents(SimpMessagingTemplate broker) {
		this.broker = broker;
	}

	/** Sends the payload to every open session of the user. */
	public void send(String userId, String destination, Object payload) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		// clients see the destination they subscribed to
		headers.setNativeHeader(SimpMessageHeaderAccessor.ORIGINAL_DESTINATION, USER_PREFIX + destination);
		headers.setLeaveMutable(true);
		this.broker.convertAndSend(UserTopics.of(userId, destination), payload, headers.getMessageHeaders());
	}

}
