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
 * sessions. With the broker relay (several instances) this needs the user registry of all
 * instances.
 */
@Component
public class UserEvents {

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
			headers.setLeaveMutable(true);
			this.broker.convertAndSendToUser(userId, destination, payload, headers.getMessageHeaders());
		}
	}

}
