package be.cocon.chat;

import java.util.List;

import org.springframework.stereotype.Component;

/** Participants from the conversation document, presence from the open sessions. */
@Component
class LiveAudience implements MessageAudience {

	private final Conversations conversations;

	private final Presence presence;

	LiveAudience(Conversations conversations, Presence presence) {
		this.conversations = conversations;
		this.presence = presence;
	}

	@Override
	public List<String> participants(String conversationId) {
		return this.conversations.findById(conversationId).map(ConversationDocument::participants).orElse(List.of());
	}

	@Override
	public boolean isOnline(String userId) {
		return this.presence.isOnline(userId);
	}

}
