package be.cocon.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import be.cocon.platform.ApiProblem;

/**
 * "Who looked at my file": the signed-in person's own audit entries in plain terms: who
 * (pseudonym and role, never an account id or username), what (a stable action code),
 * when, and the relationship that allowed it.
 */
@RestController
@Validated
class MyAuditController {

	private static final Pattern CURSOR = Pattern
		.compile("[0-9]{1,15}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private final StoreAuditLog log;

	private final AuditActors actors;

	MyAuditController(StoreAuditLog log, AuditActors actors) {
		this.log = log;
		this.actors = actors;
	}

	/**
	 * @param before the {@code next} cursor of the previous page; without it the newest
	 * entries
	 * @param limit how many entries (1–50)
	 */
	@GetMapping("/api/me/audit")
	AuditPage mine(@RequestParam(required = false) @Nullable String before,
			@RequestParam(defaultValue = "20") @Min(1) @Max(50) int limit, Authentication authentication) {
		if (before != null && !CURSOR.matcher(before).matches()) {
			throw ApiProblem.badRequest("audit.invalid-cursor", "before is the next cursor of an earlier page.")
				.withFieldError("before", "audit.invalid-cursor");
		}
		StoreAuditLog.Page page = this.log.pageAbout(authentication.getName(), before, limit);
		Map<String, String> names = this.actors.pseudonyms(
				page.entries().stream().map((entry) -> entry.getString("actorId")).filter(Objects::nonNull).toList());
		List<Access> items = page.entries().stream().map((entry) -> Access.of(entry, names)).toList();
		String next = (page.more() && !items.isEmpty()) ? items.get(items.size() - 1).id() : null;
		return new AuditPage(items, next);
	}

	/**
	 * @param items newest first
	 * @param next the cursor for older entries ({@code before}), or null when there are
	 * none
	 */
	record AuditPage(List<Access> items, @Nullable String next) {
	}

	/**
	 * One access to the client's data.
	 *
	 * @param id the entry's id (also a cursor)
	 * @param at when
	 * @param action what, as a stable code the browser translates (e.g.
	 * {@code programme.view})
	 * @param actor who
	 * @param basis the relationship that allowed it: {@code therapist},
	 * {@code former-therapist}, {@code moderator} (handling a safety alert) or
	 * {@code admin} (managing the account)
	 */
	record Access(String id, Instant at, String action, Actor actor, String basis) {

		static Access of(Document entry, Map<String, String> names) {
			Document details = entry.get("details", Document.class);
			String action = entry.getString("action");
			AuditActions.Meaning meaning = AuditActions.of(action, (details != null) ? details : Map.of());
			String actorId = entry.getString("actorId");
			return new Access(entry.getString("_id"), entry.getDate("at").toInstant(), action,
					new Actor((actorId != null) ? names.get(actorId) : null, meaning.role()), meaning.basis());
		}

	}

	/**
	 * @param pseudonym the staff member's pseudonym, or null when their account no longer
	 * exists
	 * @param role {@code THERAPIST}, {@code MODERATOR} or {@code ADMIN}
	 */
	record Actor(@Nullable String pseudonym, String role) {
	}

}
