package be.cocon.chat;

import org.springframework.stereotype.Component;

import be.cocon.chat.ChatViews.Ack;
import be.cocon.chat.ChatViews.ErrorEvent;
import be.cocon.chat.ChatViews.MessageView;
import be.cocon.chat.ChatViews.PresenceEvent;
import be.cocon.chat.ChatViews.ReadEvent;
import be.cocon.chat.ChatViews.TypingEvent;

/**
 * Sends chat events to live sessions: user destinations reach every session of a user
 * (through {@link UserEvents}); typing goes to the conversation's topic.
 */
@Component
class ChatDelivery {

	static final String MESSAGES = "/queue/messages";

	static final String ACKS = "/queue/acks";

	static final String ERRORS = "/queue/errors";

	static final String READ = "/queue/read";

	static final String PRESENCE = "/queue/presence";

	/**
	 * Typing signals of a conversation: {@code /topic/typing.<conversation id>} (a broker
	 * such as RabbitMQ takes no further slashes in a topic's name).
	 */
	static final String TYPING_PREFIX = "/topic/typing.";

	private final UserEvents users;

	ChatDelivery(UserEvents users) {
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
		this.users.toTopic(TYPING_PREFIX + conversationId, new TypingEvent(conversationId, userId, typing));
	}

	void presence(String toUserId, String userId, boolean online) {
		toUser(toUserId, PRESENCE, new PresenceEvent(userId, online));
	}

	private void toUser(String userId, String destination, Object payload) {
		this.users.send(userId, destination, payload);
	}

}
