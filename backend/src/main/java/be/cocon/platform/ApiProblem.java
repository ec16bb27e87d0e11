package be.cocon.platform;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A failure any module can throw from a REST handler; it is answered as a problem detail
 * with a stable {@code code} the browser app translates.
 */
public class ApiProblem extends ErrorResponseException {

	private final String code;

	public ApiProblem(HttpStatus status, String code, String detail) {
		super(status, problem(status, code, detail), null);
		this.code = code;
	}

	public String code() {
		return this.code;
	}

	/** Adds one field error (for forms): {@code errors: [{field, code, message}]}. */
	public ApiProblem withFieldError(String field, String message) {
		getBody().setProperty("errors", List.of(Map.of("field", field, "code", this.code, "message", message)));
		return this;
	}

	public static ApiProblem badRequest(String code, String detail) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, code, detail);
	}

	public static ApiProblem notFound(String code, String detail) {
		return new ApiProblem(HttpStatus.NOT_FOUND, code, detail);
	}

	public static ApiProblem conflict(String code, String detail) {
		return new ApiProblem(HttpStatus.CONFLICT, code, detail);
	}

	public static ApiProblem tooManyRequests(String code, String detail) {
		return new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, code, detail);
	}

	private static ProblemDetail problem(HttpStatus status, String code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setProperty("code", code);
		return problem;
	}

}
