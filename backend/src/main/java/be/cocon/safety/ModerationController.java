package be.cocon.safety;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import be.cocon.identity.CurrentUser;
import be.cocon.platform.ApiProblem;
import be.cocon.privacy.AuditLog;
import be.cocon.safety.EscalationDocument.Outcome;
import be.cocon.safety.EscalationViews.Detail;
import be.cocon.safety.EscalationViews.Summary;

/** The moderators' queue (MODERATOR role, enforced by the API security rules). */
@RestController
class ModerationController {

	private final EscalationService escalations;

	private final AuditLog audit;

	ModerationController(EscalationService escalations, AuditLog audit) {
		this.escalations = escalations;
		this.audit = audit;
	}

	/**
	 * Unresolved escalations (overdue first, then HIGH, MEDIUM and review items, each
	 * oldest first), or the recently resolved ones.
	 */
	@GetMapping("/api/escalations")
	List<Summary> list(@RequestParam(defaultValue = "OPEN") String status, Authentication authentication) {
		List<Summary> shown = switch (status) {
			case "OPEN" -> this.escalations.unresolved();
			case "RESOLVED" -> this.escalations.recentlyResolved();
			default -> throw ApiProblem.badRequest("escalation.invalid-status", "status is OPEN or RESOLVED.")
				.withFieldError("status", "OPEN or RESOLVED");
		};
		this.audit.recordEach(me(authentication), "escalation.queue",
				shown.stream().map((summary) -> summary.client().id()).distinct().toList(), Map.of());
		return shown;
	}

	@GetMapping("/api/escalations/{id}")
	Detail view(@PathVariable String id, Authentication authentication) {
		return this.escalations.view(id, me(authentication));
	}

	@PostMapping("/api/escalations/{id}/claim")
	Detail claim(@PathVariable String id, Authentication authentication) {
		return this.escalations.claim(id, me(authentication));
	}

	@PostMapping("/api/escalations/{id}/join")
	Detail join(@PathVariable String id, Authentication authentication) {
		return this.escalations.join(id, me(authentication));
	}

	@PostMapping("/api/escalations/{id}/notes")
	Detail note(@PathVariable String id, @RequestBody NoteRequest request, Authentication authentication) {
		return this.escalations.note(id, me(authentication), request.text());
	}

	@PostMapping("/api/escalations/{id}/resolve")
	Detail resolve(@PathVariable String id, @RequestBody ResolveRequest request, Authentication authentication) {
		return this.escalations.resolve(id, me(authentication), request.outcome(), request.note());
	}

	private static String me(Authentication authentication) {
		return CurrentUser.id(authentication).value();
	}

	record NoteRequest(@Nullable String text) {
	}

	record ResolveRequest(@Nullable Outcome outcome, @Nullable String note) {
	}

}
