package be.cocon.safety;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.slf4j.MDC;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import be.cocon.platform.ApiProblem;

/** Figures for staff about escalations and review items (MODERATOR or ADMIN). */
@RestController
class SafetyStatsController {

	static final int MAX_DAYS = 365;

	private final SafetyFigures figures;

	SafetyStatsController(SafetyFigures figures) {
		this.figures = figures;
	}

	/** The last {@code days} calendar days (1–365, today included). */
	@GetMapping("/api/safety/stats")
	@PreAuthorize("hasAnyRole('MODERATOR', 'ADMIN')")
	SafetyStats stats(@Parameter(description = "How many calendar days, today included",
			schema = @Schema(implementation = Integer.class, minimum = "1", maximum = "365",
					defaultValue = "30")) @RequestParam(defaultValue = "30") int days) {
		if (days < 1 || days > MAX_DAYS) {
			throw invalidDays();
		}
		return this.figures.lastDays(days);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notANumber(MethodArgumentTypeMismatchException ex) {
		ProblemDetail problem = invalidDays().getBody();
		// the platform's advice adds the request id to the problems it writes; this one
		// is written here
		String requestId = MDC.get("requestId");
		if (requestId != null) {
			problem.setProperty("requestId", requestId);
		}
		return ResponseEntity.badRequest().body(problem);
	}

	private static ApiProblem invalidDays() {
		return ApiProblem.badRequest("stats.invalid-days", "days is a whole number from 1 to " + MAX_DAYS + ".")
			.withFieldError("days", "From 1 to " + MAX_DAYS + ".");
	}

}
