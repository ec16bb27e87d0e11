package be.cocon.safety;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import tools.jackson.databind.DatabindException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import be.cocon.identity.CurrentUser;
import be.cocon.safety.EscalationDocument.DismissReason;
import be.cocon.safety.EscalationViews.Detail;

/**
 * What a moderator does with a review item: dismiss it with a reason, or escalate it
 * (MODERATOR role, enforced by the API security rules on {@code /api/escalations/**}).
 */
@RestController
class ReviewController {

	static final String INVALID = "escalation.invalid";

	private final EscalationService escalations;

	ReviewController(EscalationService escalations) {
		this.escalations = escalations;
	}

	/** Dismisses a review item (no claim needed); the note is required for OTHER. */
	@PostMapping("/api/escalations/{id}/dismiss")
	Detail dismiss(@PathVariable String id, @Valid @RequestBody DismissRequest request, Authentication authentication) {
		return this.escalations.dismiss(id, CurrentUser.id(authentication).value(), request.reason(), request.note());
	}

	/**
	 * Raises a review item to an escalation: the client sees the crisis card and the
	 * therapist is alerted.
	 */
	@PostMapping("/api/escalations/{id}/escalate")
	Detail escalate(@PathVariable String id, @Valid @RequestBody EscalateRequest request,
			Authentication authentication) {
		Severity severity = (request.severity() != null) ? Severity.valueOf(request.severity().name()) : null;
		return this.escalations.escalate(id, CurrentUser.id(authentication).value(), severity, request.note());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException ex) {
		return problem(ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> error(error.getField(), String.valueOf(error.getDefaultMessage())))
			.toList());
	}

	/** A body that is not JSON, or a value that is not one of the allowed ones. */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
		String field = "body";
		if (ex.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			String name = databind.getPath().get(0).getPropertyName();
			field = (name != null) ? name : field;
		}
		return problem(List.of(error(field, "This value is not allowed here.")));
	}

	private static Map<String, String> error(String field, String message) {
		return Map.of("field", field, "code", INVALID, "message", message);
	}

	private static ResponseEntity<ProblemDetail> problem(List<Map<String, String>> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request is not valid; see errors.");
		problem.setProperty("code", INVALID);
		problem.setProperty("errors", errors);
		// the platform's advice adds the request id to the problems it writes; this one
		// is written here
		String requestId = MDC.get("requestId");
		if (requestId != null) {
			problem.setProperty("requestId", requestId);
		}
		return ResponseEntity.badRequest().body(problem);
	}

	/**
	 * @param reason why the item is no risk
	 * @param note what the moderator adds (1–1000 characters); required for OTHER
	 */
	record DismissRequest(@NotNull(message = "Required.") @Nullable DismissReason reason,
			@Size(min = 1, max = 1000, message = "1 to 1000 characters.") @Nullable String note) {
	}

	/**
	 * @param severity what the item becomes
	 * @param note an internal note for the other moderators (1–1000 characters)
	 */
	record EscalateRequest(@NotNull(message = "Required.") @Nullable Level severity,
			@Size(min = 1, max = 1000, message = "1 to 1000 characters.") @Nullable String note) {
	}

	/** The severities a review item can be escalated to. */
	enum Level {

		HIGH, MEDIUM

	}

}
