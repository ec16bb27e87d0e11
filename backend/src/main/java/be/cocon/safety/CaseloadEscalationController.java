package be.cocon.safety;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import be.cocon.identity.Account;
import be.cocon.identity.Accounts;
import be.cocon.identity.CurrentUser;
import be.cocon.identity.UserId;
import be.cocon.platform.ApiProblem;
import be.cocon.privacy.AuditLog;
import be.cocon.safety.EscalationDocument.Signal;
import be.cocon.safety.EscalationDocument.Source;
import be.cocon.safety.EscalationViews.Summary;

/** A therapist's view of escalations in their caseload, and escalating by hand. */
@RestController
class CaseloadEscalationController {

	private final EscalationService escalations;

	private final Accounts accounts;

	private final AuditLog audit;

	private final Clock clock;

	CaseloadEscalationController(EscalationService escalations, Accounts accounts, AuditLog audit, Clock clock) {
		this.escalations = escalations;
		this.accounts = accounts;
		this.audit = audit;
		this.clock = clock;
	}

	@GetMapping("/api/caseload/escalations")
	List<Summary> open(Authentication authentication) {
		UserId me = CurrentUser.id(authentication);
		List<Summary> shown = this.escalations
			.unresolvedOf(this.accounts.caseloadOf(me).stream().map((client) -> client.id().value()).toList());
		this.audit.recordEach(me.value(), "escalation.caseload-view",
				shown.stream().map((summary) -> summary.client().id()).distinct().toList(), Map.of());
		return shown;
	}

	/**
	 * Escalates a client by hand: opens (or adds to) their escalation with the
	 * therapist's reason; no crisis card is shown to the client for it.
	 */
	@PostMapping("/api/clients/{clientId}/escalations")
	Summary escalate(@PathVariable String clientId, @RequestBody ManualEscalation request,
			Authentication authentication) {
		UserId me = CurrentUser.id(authentication);
		Account client = this.accounts.findById(new UserId(clientId)).orElse(null);
		if (client == null || client.therapistId() == null || !client.therapistId().equals(me)) {
			throw new ApiProblem(HttpStatus.FORBIDDEN, "client.not-in-caseload",
					"This client is not in your caseload.");
		}
		String reason = EscalationService.required(request.reason(), "reason", "Say why you escalate.");
		Severity severity = (request.severity() != null) ? request.severity() : Severity.HIGH;
		if (severity == Severity.REVIEW) {
			throw ApiProblem.badRequest("escalation.invalid", "Escalate with HIGH or MEDIUM.")
				.withFieldError("severity", "HIGH or MEDIUM");
		}
		EscalationService.Raised raised = this.escalations.signal(clientId,
				Signal.plain(Source.THERAPIST, null, severity, reason, null, this.clock.instant(), me.value()), null);
		this.audit.record(me.value(), "escalation.manual", clientId, Map.of("escalationId", raised.escalation().id()));
		return this.escalations.summary(raised.escalation());
	}

	record ManualEscalation(@Nullable String reason, @Nullable Severity severity) {
	}

}
