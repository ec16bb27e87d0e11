package be.cocon.privacy;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What an audit entry means to the client it is about: in which role the staff member
 * acted and which relationship allowed it. Most actions are taken in one role only; the
 * few that several roles take (reading a conversation) carry {@link AuditLog#ROLE} and
 * {@link AuditLog#BASIS} in their details.
 */
final class AuditActions {

	static final String THERAPIST = "THERAPIST";

	static final String MODERATOR = "MODERATOR";

	static final String ADMIN = "ADMIN";

	/**
	 * Shown when an entry names neither (it should not happen; the tests look for it).
	 */
	static final String STAFF = "STAFF";

	private static final Map<String, Meaning> BY_ACTION = new HashMap<>();

	static {
		in(new Meaning(THERAPIST, "therapist"), "caseload.view", "dashboard.view", "programme.view", "programme.assign",
				"programme.comment", "checkin.view", "nudge.view", "nudge.create", "nudge.cancel", "nudge.approve",
				"nudge.dismiss", "nudge.settings", "nudge.settings-view", "escalation.manual",
				"escalation.caseload-view");
		in(new Meaning(MODERATOR, "moderator"), "escalation.queue", "escalation.view", "escalation.claim",
				"escalation.join", "escalation.note", "escalation.resolve", "escalation.review-dismiss",
				"escalation.review-escalate");
		in(new Meaning(ADMIN, "admin"), "admin.accounts-view", "admin.account-disable", "admin.account-enable",
				"admin.assign", "admin.unassign", "admin.assignments-view", "admin.audit-view");
	}

	private AuditActions() {
	}

	/**
	 * The role and basis of an entry: from its details when it names them, else from its
	 * action.
	 */
	static Meaning of(String action, Map<String, ?> details) {
		Meaning known = BY_ACTION.get(action);
		String role = text(details.get(AuditLog.ROLE));
		if (role == null) {
			role = (known != null) ? known.role() : STAFF;
		}
		String basis = text(details.get(AuditLog.BASIS));
		if (basis == null) {
			basis = (known != null && known.role().equals(role)) ? known.basis() : basisOf(role);
		}
		return new Meaning(role, basis);
	}

	private static String basisOf(String role) {
		return switch (role) {
			case THERAPIST -> "therapist";
			case MODERATOR -> "moderator";
			case ADMIN -> "admin";
			default -> "staff";
		};
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value instanceof String string && !string.isBlank()) ? string : null;
	}

	private static void in(Meaning meaning, String... actions) {
		for (String action : actions) {
			BY_ACTION.put(action, meaning);
		}
	}

	/**
	 * @param role the role the staff member acted in
	 * @param basis the relationship that allowed it, as a code the browser translates
	 */
	record Meaning(String role, String basis) {
	}

}
