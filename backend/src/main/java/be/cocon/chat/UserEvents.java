package be.cocon.chat;

import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Component;

/**
 * Sends a live event to every open STOMP session of a user (a user destination such as
 * {@code /queue/escalations}, which the browser subscribes to as
 * {@code /user/queue/escalations}). Every module sends its per-user events through here.
 * <p>
 * The event is sent once per session, each copy addressed to that session. Sent once for
 * the user, Spring 7.0 (with frames kept in order both ways) hands the same message to
 * each session in turn; its headers are locked after the first, so every further session
 * of that user lost the event ("Expected mutable SimpMessageHeaderAccessor"), as
 * {@code ChatStompTests} and {@code SlowConsumerTests} showed with a user in two
 * sessions. Each copy goes straight to the session's own queue (what Spring makes of
 * {@code /user/queue/x} for a session: {@code /queue/x-user<session id>}), not through
 * Spring's user destination resolution: when the session has just closed, that resolution
 * falls back to every session of the user with one message, and the same failure (logged
 * at ERROR) returns. With the broker relay (several instances) this needs the user
 * registry of all instances.
 */
@Component
public class UserEvents {

	/** The user destination prefix ({@code WebSocketConfiguration}). */
	private static final String USER_PREFIX = "/user";

	private final SimpMessagingTemplate broker;

	private final SimpUserRegistry users;

	UserEvents(SimpMessagingTemplate broker, SimpUserRegistry users) {
		this.broker = broker;
		this.users = users;
	}

	/**
	 * Sends the payload to every open session of the user; nothing when they are offline.
	 */
	public void send(String userId, String destination, Object payload) {
		SimpUser user = this.users.getUser(userId);
		if (user == null) {
			return;
		}
		for (SimpSession session : user.getSessions()) {
			SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
			headers.setSessionId(session.getId());
			headers.setNativeHeader(SimpMessageHeaderAccessor.ORIGINAL_DESTINATION, USER_PREFIX + destination);
			headers.setLeaveMutable(true);
			this.broker.convertAndSend(destination + "-user" + session.getId(), payload, headers.getMessageHeaders());
		}
	}

}
