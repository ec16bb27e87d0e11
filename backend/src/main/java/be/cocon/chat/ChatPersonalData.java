package be.cocon.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

import be.cocon.identity.Account;
import be.cocon.identity.Accounts;
import be.cocon.identity.UserId;
import be.cocon.privacy.ErasedClient;
import be.cocon.privacy.PersonalData;

/**
 * A client's conversations: exported with every message (the client's and the others'),
 * and deleted at erasure with their messages and dedup records, also from the lists of
 * the therapists and moderators who took part. Every conversation a client takes part in
 * is about them (with their therapist, a programme's guide, moderators, or their check-in
 * reminders), and free text cannot be anonymised reliably, so none is kept. The client's
 * live STOMP sessions are closed.
 */
@Component
class ChatPersonalData implements PersonalData {

	private static final byte[] EMPTY = new byte[0];

	private final Conversations conversations;

	private final Messages messages;

	private final Accounts accounts;

	private final Presence presence;

	private final ObjectProvider<MessageChannel> clientOutbound;

	ChatPersonalData(Conversations conversations, Messages messages, Accounts accounts, Presence presence,
			@Qualifier("clientOutboundChannel") ObjectProvider<MessageChannel> clientOutbound) {
		this.conversations = conversations;
		this.messages = messages;
		this.accounts = accounts;
		this.presence = presence;
		this.clientOutbound = clientOutbound;
	}

	@Override
	public String section() {
		return "conversations";
	}

	@Override
	public Set<String> collections() {
		return Set.of(ConversationDocument.COLLECTION, Conversations.USER_CONVERSATIONS, MessageDocument.COLLECTION,
				Messages.DEDUP);
	}

	@Override
	public Object export(String clientId) {
		List<ConversationDocument> mine = conversationsOf(clientId);
		List<Loaded> loaded = mine.stream()
			.map((conversation) -> new Loaded(conversation,
					this.messages.range(conversation.id(), 1, conversation.lastSeq())))
			.toList();
		Set<String> people = new LinkedHashSet<>();
		loaded.forEach((one) -> {
			people.addAll(one.conversation().participants());
			one.messages().forEach((message) -> people.add(message.senderId()));
		});
		Map<String, String> names = names(people);
		return loaded.stream()
			.map((one) -> ConversationExport.of(one, clientId, names))
			.sorted(Comparator.comparing(ConversationExport::createdAt))
			.toList();
	}

	@Override
	public void erase(ErasedClient client) {
		String clientId = client.clientId();
		List<ConversationDocument> mine = conversationsOf(clientId);
		for (ConversationDocument conversation : mine) {
			this.messages.deleteConversation(conversation.id());
			this.conversations.delete(conversation);
		}
		this.messages.deleteClaims(mine.stream().map(ConversationDocument::id).toList(), client.idPrefixPattern(":"));
		this.conversations.forget(clientId);
		this.presence.sessionsOf(clientId).forEach(this::close);
	}

	/** The client's conversations: those they list and those that list them. */
	private List<ConversationDocument> conversationsOf(String clientId) {
		Map<String, ConversationDocument> found = new LinkedHashMap<>();
		this.conversations.findAllById(this.conversations.idsOf(clientId))
			.stream()
			.filter((conversation) -> conversation.hasParticipant(clientId))
			.forEach((conversation) -> found.put(conversation.id(), conversation));
		this.conversations.findWithParticipant(clientId)
			.forEach((conversation) -> found.putIfAbsent(conversation.id(), conversation));
		return new ArrayList<>(found.values());
	}

	private Map<String, String> names(Set<String> ids) {
		Map<String, String> names = this.accounts
			.findAll(ids.stream().filter((id) -> !GuideMessages.GUIDE.equals(id)).map(UserId::new).toList())
			.stream()
			.collect(Collectors.toMap((account) -> account.id().value(), Account::pseudonym));
		names.put(GuideMessages.GUIDE, "Cocon");
		return names;
	}

	/** Ends a live session with an ERROR frame, after which Spring closes the socket. */
	private void close(String sessionId) {
		StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
		error.setMessage("auth.account-erased: this account no longer exists");
		error.setSessionId(sessionId);
		this.clientOutbound.getObject().send(MessageBuilder.createMessage(EMPTY, error.getMessageHeaders()));
	}

	private record Loaded(ConversationDocument conversation, List<MessageDocument> messages) {
	}

	/**
	 * One conversation.
	 *
	 * @param kind what it is for
	 * @param with the others who take part (pseudonyms)
	 * @param createdAt when it began
	 * @param messages every message, in order
	 */
	record ConversationExport(ConversationKind kind, List<String> with, Instant createdAt,
			List<MessageExport> messages) {

		static ConversationExport of(Loaded loaded, String clientId, Map<String, String> names) {
			ConversationDocument conversation = loaded.conversation();
			List<String> others = conversation.participants()
				.stream()
				.filter((id) -> !id.equals(clientId))
				.map((id) -> names.getOrDefault(id, "?"))
				.toList();
			return new ConversationExport(conversation.kind(), others, conversation.createdAt(),
					loaded.messages().stream().map((message) -> MessageExport.of(message, names)).toList());
		}

	}

	/**
	 * One message.
	 *
	 * @param seq its number in the conversation
	 * @param at when it was sent
	 * @param from who wrote it (pseudonym; Cocon for the guide)
	 * @param kind what it is
	 * @param text what it says
	 */
	record MessageExport(long seq, Instant at, String from, MessageKind kind, String text) {

		static MessageExport of(MessageDocument message, Map<String, String> names) {
			return new MessageExport(message.seq(), message.createdAt(), names.getOrDefault(message.senderId(), "?"),
					message.kindOrText(), message.body());
		}

	}

}
