package be.cocon.chat;

import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Component;

import be.cocon.chat.ChatViews.Ack;
import be.cocon.chat.ChatViews.ErrorEvent;
import be.cocon.chat.ChatViews.MessageView;
import be.cocon.chat.ChatViews.PresenceEvent;
import be.cocon.chat.ChatViews.ReadEvent;
import be.cocon.chat.ChatViews.TypingEvent;

/**
 * Sends chat events to live sessions: user destinations reach every session of a user;
 * typing goes to the conversation's topic.
 * <p>
 * An event for a user is sent once per session of theirs, each copy addressed to that
 * session. Sent once for the user, Spring 7.0 (with frames kept in order both ways) hands
 * the same message to each session in turn; its headers are locked after the first, so
 * every further session of that user lost the event ("Expected mutable
 * SimpMessageHeaderAccessor"), as {@code SlowConsumerTests} showed with a user in two
 * sessions. With the broker relay (several instances) this needs the user registry of all
 * instances.
 */
@Component
class ChatDelivery {

	static final String MESSAGES = "/queue/messages";

	static final String ACKS = "/queue/acks";

	static final String ERRORS = "/queue/errors";

	static final String READ = "/queue/read";

	static final String PRESENCE = "/queue/presence";

	private final SimpMessagingTemplate broker;

	private final SimpUserRegistry users;

	ChatDelivery(SimpMessagingTemplate broker, SimpUserRegistry users) {
		this.broker = broker;
		this.users = users;
	}

	void message(ConversationDocument conversation, MessageDocument message) {
		MessageView view = MessageView.of(message);
		conversation.participants().forEach((participant) -> toUser(participant, MESSAGES, view));
	}

	void ack(String userId, Ack ack) {
		toUser(userId, ACKS, ack);
	}

	void error(String userId, ErrorEvent error) {
		toUser(userId, ERRORS, error);
	}

	void read(ConversationDocument conversation, String readerId, long seq) {
		ReadEvent event = new ReadEvent(conversation.id(), readerId, seq);
		conversation.participants().forEach((participant) -> toUser(participant, READ, event));
	}

	void typing(String conversationId, String userId, boolean typing) {
		this.broker.convertAndSend("/topic/conversations/" + conversationId + "/typing",
				new TypingEvent(conversationId, userId, typing));
	}

	void presence(String toUserId, String userId, boolean online) {
		toUser(toUserId, PRESENCE, new PresenceEvent(userId, online));
	}

	/** To every open session of the user, one copy each, addressed to that session. */
	private void toUser(String userId, String destination, Object payload) {
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
