package be.cocon.chat;

import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

import be.cocon.chat.ChatViews.Ack;
import be.cocon.chat.ChatViews.ErrorEvent;
import be.cocon.chat.ChatViews.MessageView;
import be.cocon.chat.ChatViews.PresenceEvent;
import be.cocon.chat.ChatViews.ReadEvent;
import be.cocon.chat.ChatViews.TypingEvent;

/**
 * Sends chat events to live sessions: user destinations reach every session of a user (on
 * any instance when the broker relay is used); typing goes to the conversation's topic.
 */
@Component
class ChatDelivery {

	static final String MESSAGES = "/queue/messages";

	static final String ACKS = "/queue/acks";

	static final String ERRORS = "/queue/errors";

	static final String READ = "/queue/read";

	static final String PRESENCE = "/queue/presence";

	private final SimpMessagingTemplate broker;

	ChatDelivery(SimpMessagingTemplate broker) {
		this.broker = broker;
	}

	void message(ConversationDocument conversation, MessageDocument message) {
		MessageView view = MessageView.of(message);
		conversation.participants()
			.forEach((participant) -> this.broker.convertAndSendToUser(participant, MESSAGES, view));
	}

	void ack(String userId, Ack ack) {
		this.broker.convertAndSendToUser(userId, ACKS, ack);
	}

	void error(String userId, ErrorEvent error) {
		this.broker.convertAndSendToUser(userId, ERRORS, error);
	}

	void read(ConversationDocument conversation, String readerId, long seq) {
		ReadEvent event = new ReadEvent(conversation.id(), readerId, seq);
		conversation.participants()
			.forEach((participant) -> this.broker.convertAndSendToUser(participant, READ, event));
	}

	void typing(String conversationId, String userId, boolean typing) {
		this.broker.convertAndSend("/topic/conversations/" + conversationId + "/typing",
				new TypingEvent(conversationId, userId, typing));
	}

	void presence(String toUserId, String userId, boolean online) {
		this.broker.convertAndSendToUser(toUserId, PRESENCE, new PresenceEvent(userId, online));
	}

}
