package be.cocon.checkin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import be.cocon.platform.ApiProblem;

/**
 * Collects every problem of a request, so the client learns them all at once: a 400
 * problem with code {@code checkin.invalid} and {@code errors: [{field, code, message}]}.
 */
final class FieldErrors {

	static final String INVALID = "checkin.invalid";

	private final List<Map<String, String>> errors = new ArrayList<>();

	FieldErrors add(String field, String code, String message) {
		this.errors.add(Map.of("field", field, "code", code, "message", message));
		return this;
	}

	boolean isEmpty() {
		return this.errors.isEmpty();
	}

	void throwIfAny() {
		if (!this.errors.isEmpty()) {
			throw toProblem();
		}
	}

	ApiProblem toProblem() {
		ApiProblem problem = ApiProblem.badRequest(INVALID, "The request is not valid; see errors.");
		problem.getBody().setProperty("errors", List.copyOf(this.errors));
		return problem;
	}

	static ApiProblem single(String field, String code, String message) {
		return new FieldErrors().add(field, code, message).toProblem();
	}

}
