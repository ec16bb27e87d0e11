package be.cocon.chat;

import java.util.List;
import java.util.Map;

/**
 * For modules that post structured messages into a conversation (the self-help guide):
 * open a conversation and post to it. Messages posted here are stored, made durable,
 * delivered live and ordered like any other; they skip the client-facing checks (rate
 * limit, text rules) because the calling module has validated them.
 */
public interface GuideMessages {

	/** The participant id of the self-help guide (not an account). */
	String GUIDE = "guide";

	/** Opens a conversation unless it exists; every participant lists it. */
	void open(String conversationId, ConversationKind kind, List<String> participants);

	/** Adds a participant (e.g. a therapist who comments) unless already there. */
	void addParticipant(String conversationId, String userId);

	/**
	 * Takes a participant out (e.g. a therapist whose client moved on); they no longer
	 * list, read, receive or write the conversation. Harmless when not there.
	 */
	void removeParticipant(String conversationId, String userId);

	/**
	 * Posts a message and returns its sequence number. The client message id makes the
	 * post idempotent: posting the same id again returns the first message's number.
	 */
	long post(String conversationId, String senderId, String clientMessageId, MessageKind kind, String body,
			Map<String, Object> data);

}
