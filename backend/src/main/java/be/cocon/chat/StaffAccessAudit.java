package be.cocon.chat;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import be.cocon.identity.Account;
import be.cocon.identity.Accounts;
import be.cocon.identity.CurrentUser;
import be.cocon.identity.Role;
import be.cocon.identity.UserId;
import be.cocon.privacy.AuditLog;

/**
 * Records in the audit log when a staff member lists, reads or writes in a conversation
 * with a client: in which role (a therapist, or a moderator who stepped in) and on which
 * basis (the current therapist, or a former one reading the conversation they had).
 * Clients reading their own conversations are not recorded.
 */
@Component
class StaffAccessAudit {

	private static final Set<Role> STAFF = Set.of(Role.THERAPIST, Role.MODERATOR, Role.ADMIN);

	private final Conversations conversations;

	private final Accounts accounts;

	private final AuditLog audit;

	StaffAccessAudit(Conversations conversations, Accounts accounts, AuditLog audit) {
		this.conversations = conversations;
		this.accounts = accounts;
		this.audit = audit;
	}

	/** A staff member was shown these conversations (with their last message). */
	void listed(Authentication user, Collection<ConversationDocument> shown, Map<String, Account> people) {
		if (!isStaff(user)) {
			return;
		}
		String me = CurrentUser.id(user).value();
		Map<String, Map<String, String>> byClient = new HashMap<>();
		for (ConversationDocument conversation : shown) {
			for (String id : conversation.participants()) {
				Account client = people.get(id);
				if (!id.equals(me) && client != null && client.hasRole(Role.CLIENT)) {
					byClient.putIfAbsent(id, basis(conversation, me, client));
				}
			}
		}
		// one entry per client, in the role of the first conversation with them
		if (!byClient.isEmpty()) {
			this.audit.recordEach(me, "conversation.list", byClient);
		}
	}

	/** A staff member read a page of a conversation's history. */
	void read(Authentication user, String conversationId) {
		recordFor(user, "conversation.read", conversationId);
	}

	/**
	 * A staff member wrote a message in a conversation: recorded before the message's
	 * commit, which the acknowledgement waits for and which covers this entry too.
	 */
	void wrote(Authentication user, ConversationDocument conversation) {
		if (isStaff(user)) {
			recordFor(CurrentUser.id(user).value(), "conversation.write", conversation, false);
		}
	}

	private void recordFor(Authentication user, String action, String conversationId) {
		if (!isStaff(user)) {
			return;
		}
		ConversationDocument conversation = this.conversations.findById(conversationId).orElse(null);
		if (conversation != null) {
			recordFor(CurrentUser.id(user).value(), action, conversation, true);
		}
	}

	private void recordFor(String me, String action, ConversationDocument conversation, boolean commit) {
		List<UserId> others = conversation.participants()
			.stream()
			.filter((id) -> !id.equals(me) && !GuideMessages.GUIDE.equals(id))
			.map(UserId::new)
			.toList();
		for (Account client : this.accounts.findAll(others)) {
			if (client.hasRole(Role.CLIENT)) {
				Map<String, String> details = new HashMap<>(basis(conversation, me, client));
				details.put("conversationId", conversation.id());
				if (commit) {
					this.audit.record(me, action, client.id().value(), details);
				}
				else {
					this.audit.recordUncommitted(me, action, client.id().value(), details);
				}
			}
		}
	}

	private static Map<String, String> basis(ConversationDocument conversation, String me, Account client) {
		if (conversation.isModerator(me)) {
			return Map.of(AuditLog.ROLE, Role.MODERATOR.name(), AuditLog.BASIS, "moderator");
		}
		boolean current = client.therapistId() != null && client.therapistId().value().equals(me);
		return Map.of(AuditLog.ROLE, Role.THERAPIST.name(), AuditLog.BASIS, current ? "therapist" : "former-therapist");
	}

	private static boolean isStaff(Authentication user) {
		return STAFF.stream().anyMatch((role) -> CurrentUser.hasRole(user, role));
	}

}
