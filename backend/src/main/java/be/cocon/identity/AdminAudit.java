package be.cocon.identity;

import java.util.Collection;
import java.util.Map;

import org.springframework.stereotype.Component;

import be.cocon.privacy.AuditLog;

/**
 * Records what an admin does with client accounts in the audit log (staff accounts are
 * not client data), so clients see it under "who looked at my file".
 */
@Component
class AdminAudit {

	private final AuditLog audit;

	AdminAudit(AuditLog audit) {
		this.audit = audit;
	}

	/** The clients among the accounts an admin was shown. */
	void listed(String adminId, Collection<UserDocument> shown) {
		this.audit.recordEach(adminId, "admin.accounts-view",
				shown.stream().filter(AdminAudit::isClient).map(UserDocument::id).toList(), Map.of());
	}

	/** An admin acted on (or read more of) an account, recorded when it is a client's. */
	void acted(String adminId, String action, UserDocument account) {
		if (isClient(account)) {
			this.audit.record(adminId, action, account.id(), Map.of());
		}
	}

	private static boolean isClient(UserDocument account) {
		return account.roles().contains(Role.CLIENT);
	}

}
