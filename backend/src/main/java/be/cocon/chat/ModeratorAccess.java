package be.cocon.chat;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** What other modules may read or change about conversations beyond posting. */
@Component
class ModeratorAccess implements SupportConversations, ConversationOverview {

	private final Conversations conversations;

	private final Messages messages;

	private final Clock clock;

	ModeratorAccess(Conversations conversations, Messages messages, Clock clock) {
		this.conversations = conversations;
		this.messages = messages;
		this.clock = clock;
	}

	@Override
	public Optional<String> therapyConversation(String clientId, String therapistId) {
		return this.conversations.findById(ConversationDocument.therapyId(clientId, therapistId))
			.map(ConversationDocument::id);
	}

	@Override
	public Optional<TherapyState> therapyState(String clientId, String therapistId) {
		return this.conversations.findById(ConversationDocument.therapyId(clientId, therapistId))
			.map((conversation) -> new TherapyState(conversation.id(),
					Math.max(0, conversation.lastSeq() - conversation.readMarkerOf(therapistId)),
					conversation.lastSentBy(clientId),
					(conversation.lastMessage() != null) ? conversation.lastMessage().at() : null));
	}

	@Override
	public String openSupport(String clientId) {
		String id = ConversationDocument.supportId(clientId);
		this.conversations.createIfAbsent(id, ConversationKind.SUPPORT, List.of(clientId), this.clock.instant());
		return id;
	}

	@Override
	public void addModerator(String conversationId, String moderatorId) {
		this.conversations.addModerator(conversationId, moderatorId);
	}

	@Override
	public void removeModerator(String conversationId, String moderatorId) {
		this.conversations.removeParticipant(conversationId, moderatorId);
	}

	@Override
	public Optional<ConversationKind> kindOf(String conversationId) {
		return this.conversations.findById(conversationId).map(ConversationDocument::kind);
	}

	@Override
	public List<MessagePosted> recent(String conversationId, int limit) {
		return this.conversations.findById(conversationId).map((conversation) -> {
			long to = conversation.lastSeq();
			long from = Math.max(1, to - limit + 1);
			return this.messages.range(conversationId, from, to)
				.stream()
				.map((message) -> new MessagePosted(conversationId, message.seq(), message.senderId(),
						message.kindOrText(), message.body(), message.createdAt(), message.data()))
				.toList();
		}).orElse(List.of());
	}

}
