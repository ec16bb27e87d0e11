package be.cocon.chat;

import java.util.List;
import java.util.Optional;

/**
 * For the safety module: lets a moderator step into a client's conversation and shows the
 * recent messages around an escalation.
 */
public interface SupportConversations {

	/** The client's therapy conversation with this therapist, if it exists. */
	Optional<String> therapyConversation(String clientId, String therapistId);

	/**
	 * Opens the client's support conversation (client and moderators) unless it exists.
	 * @return its id
	 */
	String openSupport(String clientId);

	/** Adds a moderator as participant; their messages are marked as from a moderator. */
	void addModerator(String conversationId, String moderatorId);

	/** Takes a moderator out of the conversation again. */
	void removeModerator(String conversationId, String moderatorId);

	/** What kind of conversation this is, if it exists. */
	Optional<ConversationKind> kindOf(String conversationId);

	/** The last messages of a conversation, oldest first. */
	List<MessagePosted> recent(String conversationId, int limit);

}
