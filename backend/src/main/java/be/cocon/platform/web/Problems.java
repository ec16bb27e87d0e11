package be.cocon.platform.web;

import org.slf4j.MDC;

import org.springframework.http.ProblemDetail;

/** Small helpers shared by the problem-detail writers of this package. */
final class Problems {

	static final String REQUEST_ID = "requestId";

	private Problems() {
	}

	static ProblemDetail addRequestId(ProblemDetail problem) {
		String id = MDC.get(RequestIdFilter.MDC_KEY);
		if (id != null) {
			problem.setProperty(REQUEST_ID, id);
		}
		return problem;
	}

}
