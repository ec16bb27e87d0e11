package be.cocon.loadtest.baseline;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Controller;

/**
 * Cocon's send, without what makes it Cocon: a number from an in-memory counter per
 * conversation, the message to both participants and the ack to the sender, as the same
 * payloads. Conversation ids have Cocon's form {@code therapy-<client>-<therapist>} (the
 * load generator uses ids without dashes here), so the participants are read from the id.
 * Events go to each session of a user as its own copy, as Cocon's {@code UserEvents}
 * does.
 */
@Controller
class BaselineChat {

	private final Map<String, AtomicLong> lastSeq = new ConcurrentHashMap<>();

	private final SimpMessagingTemplate broker;

	private final SimpUserRegistry users;

	BaselineChat(SimpMessagingTemplate broker, SimpUserRegistry users) {
		this.broker = broker;
		this.users = users;
	}

	@MessageMapping("/conversations/{conversationId}/messages")
	void send(@DestinationVariable String conversationId, @Payload SendMessage message, Principal user) {
		long seq = this.lastSeq.computeIfAbsent(conversationId, (key) -> new AtomicLong()).incrementAndGet();
		Instant now = Instant.now();
		String id = conversationId + ":" + seq;
		MessageView view = new MessageView(id, conversationId, seq, user.getName(), message.clientMessageId(), "TEXT",
				message.body(), Map.of(), now);
		for (String participant : participants(conversationId)) {
			toUser(participant, "/queue/messages", view);
		}
		toUser(user.getName(), "/queue/acks", new Ack(message.clientMessageId(), id, conversationId, seq, now, false));
	}

	/** Anything else is answered like Cocon answers it: an error event naming it. */
	@MessageMapping("/**")
	void unknown(@Header(SimpMessageHeaderAccessor.DESTINATION_HEADER) String destination, Principal user) {
		toUser(user.getName(), "/queue/errors", new ErrorEvent("destination.unknown",
				"There is no destination " + destination + ".", null, destination));
	}

	private static List<String> participants(String conversationId) {
		String[] parts = conversationId.split("-");
		return (parts.length == 3) ? List.of(parts[1], parts[2]) : List.of();
	}

	private void toUser(String userId, String destination, Object payload) {
		SimpUser user = this.users.getUser(userId);
		if (user == null) {
			return;
		}
		for (SimpSession session : user.getSessions()) {
			SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
			headers.setSessionId(session.getId());
			headers.setNativeHeader(SimpMessageHeaderAccessor.ORIGINAL_DESTINATION, "/user" + destination);
			headers.setLeaveMutable(true);
			this.broker.convertAndSend(destination + "-user" + session.getId(), payload, headers.getMessageHeaders());
		}
	}

	record SendMessage(String clientMessageId, String body) {
	}

	record MessageView(String id, String conversationId, long seq, String senderId, String clientMessageId, String kind,
			String body, Map<String, Object> data, Instant createdAt) {
	}

	record Ack(String clientMessageId, String id, String conversationId, long seq, Instant createdAt,
			boolean duplicate) {
	}

	record ErrorEvent(String code, String detail, String clientMessageId, String destination) {
	}

}
