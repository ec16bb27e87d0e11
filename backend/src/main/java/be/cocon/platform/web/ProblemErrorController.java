package be.cocon.platform.web;

import java.net.URI;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import be.cocon.platform.StoreOutage;

/**
 * Answers errors that never reached a controller (a failure in a filter, a request the
 * container rejected) with a problem detail too, replacing Spring Boot's default error
 * JSON.
 */
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping(path = "${spring.web.error.path:/error}", produces = { MediaType.APPLICATION_PROBLEM_JSON_VALUE,
			MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE })
	ResponseEntity<?> error(HttpServletRequest request) {
		if (StoreOutage.causedBy((Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION))) {
			// e.g. reading the account of a bearer token while the store is out of reach
			return ProblemDetailsAdvice.storeUnavailable("a request before its handler");
		}
		HttpStatus status = statusOf(request);
		ProblemDetail problem = ProblemDetail.forStatus(status);
		if (status == HttpStatus.BAD_REQUEST) {
			// the firewall or the container refused the request line or headers
			problem.setProperty("code", "request.rejected");
		}
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (path != null) {
			try {
				problem.setInstance(URI.create(path.toString()));
			}
			catch (IllegalArgumentException ex) {
				// a path that is not a valid URI is simply left out
			}
		}
		Problems.addRequestId(problem);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static HttpStatus statusOf(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code instanceof Integer value) {
			HttpStatus status = HttpStatus.resolve(value);
			if (status != null && status.isError()) {
				return status;
			}
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
