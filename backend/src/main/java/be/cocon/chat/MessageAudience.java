package be.cocon.chat;

import java.util.List;

/**
 * For modules that tell people about a message outside the app (Web Push): who takes part
 * in a conversation, and whether someone has the app open right now.
 */
public interface MessageAudience {

	/**
	 * The participants of the conversation (accounts and the guide); empty if unknown.
	 */
	List<String> participants(String conversationId);

	/**
	 * Whether the user has an open live (STOMP) session, on this instance or another: the
	 * app then shows new messages itself.
	 */
	boolean isOnline(String userId);

}
