package be.cocon.checkin;

import java.util.List;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import be.cocon.checkin.CheckinViews.CheckIn;
import be.cocon.checkin.CheckinViews.Trends;
import be.cocon.identity.CurrentUser;
import be.cocon.privacy.AuditLog;

/**
 * A therapist reads the check-ins and trends of a client in their caseload; every read is
 * audited before it is answered.
 */
@RestController
@PreAuthorize("hasRole('THERAPIST')")
class ClientCheckinController {

	static final String AUDIT_ACTION = "checkin.view";

	private final CheckinService checkins;

	private final AuditLog audit;

	ClientCheckinController(CheckinService checkins, AuditLog audit) {
		this.checkins = checkins;
		this.audit = audit;
	}

	@GetMapping("/api/clients/{clientId}/checkins")
	List<CheckIn> clientCheckIns(@PathVariable String clientId, @RequestParam(defaultValue = "30") int days,
			Authentication authentication) {
		audited(authentication, clientId, "checkins", days, 1);
		return this.checkins.list(clientId, days);
	}

	@GetMapping("/api/clients/{clientId}/checkins/trends")
	Trends clientCheckInTrends(@PathVariable String clientId, @RequestParam(defaultValue = "30") int days,
			Authentication authentication) {
		audited(authentication, clientId, "trends", days, 7);
		return this.checkins.trends(clientId, days);
	}

	private void audited(Authentication authentication, String clientId, String what, int days, int minDays) {
		String therapist = CurrentUser.id(authentication).value();
		CheckinService.requireDays(days, minDays);
		this.checkins.requireTherapistOf(therapist, clientId);
		this.audit.record(therapist, AUDIT_ACTION, clientId, Map.of("view", what, "days", String.valueOf(days)));
	}

}
