package be.cocon.chat;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import be.cocon.chat.ChatViews.ConversationView;
import be.cocon.chat.ChatViews.MessagePage;
import be.cocon.chat.ChatViews.Participant;
import be.cocon.identity.Account;
import be.cocon.identity.Accounts;
import be.cocon.identity.CurrentUser;
import be.cocon.identity.Role;
import be.cocon.identity.UserId;

/** The user's conversations and pages of history (also what a client resumes with). */
@RestController
class ChatRestController {

	private final ChatService chat;

	private final Conversations conversations;

	private final Accounts accounts;

	private final Presence presence;

	private final StaffAccessAudit audit;

	ChatRestController(ChatService chat, Conversations conversations, Accounts accounts, Presence presence,
			StaffAccessAudit audit) {
		this.chat = chat;
		this.conversations = conversations;
		this.accounts = accounts;
		this.presence = presence;
		this.audit = audit;
	}

	@GetMapping("/api/conversations")
	List<ConversationView> list(Authentication authentication) {
		String me = CurrentUser.id(authentication).value();
		List<ConversationDocument> mine = this.conversations.findAllById(this.conversations.idsOf(me))
			.stream()
			.filter((conversation) -> conversation.hasParticipant(me))
			.toList();
		Map<String, Account> people = this.accounts
			.findAll(mine.stream().flatMap((c) -> c.participants().stream()).map(UserId::new).distinct().toList())
			.stream()
			.collect(Collectors.toMap((account) -> account.id().value(), Function.identity()));
		this.audit.listed(authentication, mine, people);
		return mine.stream()
			.map((conversation) -> view(conversation, me, people))
			.sorted(Comparator
				.comparing((ConversationView view) -> (view.lastMessage() != null)
						? view.lastMessage().at().toEpochMilli() : 0L)
				.reversed())
			.toList();
	}

	@GetMapping("/api/conversations/{conversationId}/messages")
	MessagePage messages(@PathVariable String conversationId, @RequestParam(required = false) @Nullable Long before,
			@RequestParam(required = false) @Nullable Long after, @RequestParam(defaultValue = "50") int limit,
			Authentication authentication) {
		if ((before != null && before < 1) || (after != null && after < 0) || limit < 1) {
			throw ChatProblem.invalid("page.invalid", "before must be 1 or more, after 0 or more, limit 1 or more.",
					null);
		}
		MessagePage page = this.chat.page(CurrentUser.id(authentication).value(), conversationId, before, after, limit);
		this.audit.read(authentication, conversationId);
		return page;
	}

	private ConversationView view(ConversationDocument conversation, String me, Map<String, Account> people) {
		List<Participant> participants = conversation.participants().stream().map((id) -> {
			if (GuideMessages.GUIDE.equals(id)) {
				return new Participant(id, "Cocon", "GUIDE", true);
			}
			Account account = people.get(id);
			String pseudonym = (account != null) ? account.pseudonym() : "?";
			String role = (account != null) ? mainRole(account) : "CLIENT";
			return new Participant(id, pseudonym, role, this.presence.isOnline(id));
		}).toList();
		long read = conversation.readMarkerOf(me);
		long othersRead = conversation.participants()
			.stream()
			.filter((id) -> !id.equals(me))
			.mapToLong(conversation::readMarkerOf)
			.max()
			.orElse(0);
		ConversationDocument.Preview last = conversation.lastMessage();
		ChatViews.Preview preview = (last != null)
				? new ChatViews.Preview(last.seq(), last.senderId(), last.text(), last.at()) : null;
		return new ConversationView(conversation.id(), conversation.kind().name(), participants, conversation.lastSeq(),
				preview, Math.max(0, conversation.lastSeq() - read), read, othersRead, conversation.closedAt());
	}

	private static String mainRole(Account account) {
		for (Role role : List.of(Role.THERAPIST, Role.MODERATOR, Role.ADMIN, Role.CLIENT)) {
			if (account.hasRole(role)) {
				return role.name();
			}
		}
		return Role.CLIENT.name();
	}

}
