package be.cocon.chat;

import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.AbstractSubProtocolEvent;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Who is online on this instance: a user is online while at least one STOMP session is
 * open. When that changes, the people they share a conversation with are told. Ephemeral
 * by design: nothing is stored.
 */
@Component
class Presence {

	private final Map<String, Set<String>> sessions = new ConcurrentHashMap<>();

	private final Conversations conversations;

	private final ChatDelivery delivery;

	Presence(Conversations conversations, ChatDelivery delivery) {
		this.conversations = conversations;
		this.delivery = delivery;
	}

	boolean isOnline(String userId) {
		Set<String> open = this.sessions.get(userId);
		return open != null && !open.isEmpty();
	}

	@EventListener
	void connected(SessionConnectedEvent event) {
		String userId = userOf(event);
		if (userId == null) {
			return;
		}
		boolean cameOnline;
		synchronized (this.sessions) {
			Set<String> open = this.sessions.computeIfAbsent(userId, (id) -> ConcurrentHashMap.newKeySet());
			cameOnline = open.isEmpty();
			open.add(sessionOf(event));
		}
		if (cameOnline) {
			tellPartners(userId, true);
		}
	}

	@EventListener
	void disconnected(SessionDisconnectEvent event) {
		String userId = userOf(event);
		if (userId == null) {
			return;
		}
		boolean wentOffline;
		synchronized (this.sessions) {
			Set<String> open = this.sessions.getOrDefault(userId, Set.of());
			wentOffline = open.remove(event.getSessionId()) && open.isEmpty();
		}
		if (wentOffline) {
			tellPartners(userId, false);
		}
	}

	private void tellPartners(String userId, boolean online) {
		Set<String> partners = new LinkedHashSet<>();
		this.conversations.findAllById(this.conversations.idsOf(userId))
			.forEach((conversation) -> partners.addAll(conversation.participants()));
		partners.remove(userId);
		partners.forEach((partner) -> this.delivery.presence(partner, userId, online));
	}

	private static String userOf(AbstractSubProtocolEvent event) {
		Principal user = event.getUser();
		return (user != null) ? user.getName() : null;
	}

	private static String sessionOf(SessionConnectedEvent event) {
		Object id = event.getMessage().getHeaders().get("simpSessionId");
		return String.valueOf(id);
	}

	/** The ids of the user's open STOMP sessions on this instance. */
	Set<String> sessionsOf(String userId) {
		return Set.copyOf(this.sessions.getOrDefault(userId, Set.of()));
	}

}
