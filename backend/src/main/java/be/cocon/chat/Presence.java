package be.cocon.chat;

import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.AbstractSubProtocolEvent;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Who is online: a user is online while at least one STOMP session is open, on this
 * instance or (with the broker relay) on another one. When that changes, the people they
 * share a conversation with are told. Each instance tracks its own sessions; those on
 * other instances it knows from Spring's user registry, which the instances broadcast to
 * each other ({@link BrokerRelaySettings#registryBroadcast()}), so a user who closes a
 * session here while one stays open elsewhere is not announced offline, nor online again
 * when they open a second one. Ephemeral by design: nothing is stored.
 */
@Component
class Presence {

	private final Map<String, Set<String>> sessions = new ConcurrentHashMap<>();

	private final Conversations conversations;

	private final ChatDelivery delivery;

	private final SimpUserRegistry users;

	Presence(Conversations conversations, ChatDelivery delivery, SimpUserRegistry users) {
		this.conversations = conversations;
		this.delivery = delivery;
		this.users = users;
	}

	boolean isOnline(String userId) {
		Set<String> open = this.sessions.get(userId);
		return (open != null && !open.isEmpty()) || hasSessionsElsewhere(userId, Set.of());
	}

	/**
	 * Whether another instance reported a session of the user: a session in the user
	 * registry that is not one of this instance's (nor the one just closed here, which
	 * the registry may still hold).
	 */
	private boolean hasSessionsElsewhere(String userId, Set<String> alsoHere) {
		SimpUser user = this.users.getUser(userId);
		if (user == null) {
			return false;
		}
		Set<String> here = this.sessions.getOrDefault(userId, Set.of());
		return user.getSessions()
			.stream()
			.map(SimpSession::getId)
			.anyMatch((id) -> !here.contains(id) && !alsoHere.contains(id));
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
		if (cameOnline && !hasSessionsElsewhere(userId, Set.of(sessionOf(event)))) {
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
		if (wentOffline && !hasSessionsElsewhere(userId, Set.of(event.getSessionId()))) {
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
