package be.cocon.platform.web;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolationException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import be.cocon.platform.StoreOutage;

/**
 * Turns every failure in a controller into an RFC 9457 problem detail that carries the
 * request id, and lists the offending fields for validation failures. Unexpected errors
 * are logged and answered without internals.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	private static final Pattern MESSAGE_CODE = Pattern.compile("[a-z]+(\\.[a-z-]+)+");

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ex.getBody();
		problem.setProperty("errors",
				ex.getBindingResult()
					.getFieldErrors()
					.stream()
					.map((error) -> Map.of("field", error.getField(), "code", codeOf(error), "message",
							String.valueOf(error.getDefaultMessage())))
					.toList());
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	/**
	 * A message written as a code ({@code username.invalid}) is the code the browser app
	 * translates; otherwise the constraint's name ({@code NotBlank}).
	 */
	private static String codeOf(FieldError error) {
		String message = error.getDefaultMessage();
		if (message != null && MESSAGE_CODE.matcher(message).matches()) {
			return message;
		}
		return String.valueOf(error.getCode());
	}

	@ExceptionHandler
	ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid request content.");
		List<Map<String, String>> errors = ex.getConstraintViolations()
			.stream()
			.map((violation) -> Map.of("field", violation.getPropertyPath().toString(), "message",
					violation.getMessage()))
			.toList();
		problem.setProperty("errors", errors);
		return withRequestId(problem);
	}

	/**
	 * Method security refusing a signed-in user (the URL rules normally refuse earlier).
	 */
	@ExceptionHandler
	ResponseEntity<Object> handleAccessDenied(AccessDeniedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Your account may not do this.");
		problem.setProperty("code", "auth.forbidden");
		return withRequestId(problem);
	}

	/**
	 * A query string the container cannot decode ({@code ?country=%ff}): the client's
	 * mistake, answered 400 and logged at DEBUG only (never the value).
	 */
	@ExceptionHandler
	ResponseEntity<Object> handleUndecodableParameter(InvalidParameterException ex) {
		log.debug("Refused a request whose parameters cannot be decoded");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request's parameters are not validly encoded (percent-encoded UTF-8).");
		problem.setProperty("code", "request.invalid-encoding");
		return withRequestId(problem);
	}

	/**
	 * A method the path does not take: the client's mistake, so one DEBUG line instead of
	 * Spring's WARN line that names the method the client wrote.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleHttpRequestMethodNotSupported(
			HttpRequestMethodNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		log.debug("Refused a request with a method the path does not take");
		return handleExceptionInternal(ex, null, headers, status, request);
	}

	/**
	 * Our own fault: logged with the handler's path pattern (not the path the client
	 * wrote, which may hold anything) and answered without internals.
	 */
	@ExceptionHandler
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) throws Exception {
		if (StoreOutage.causedBy(ex)) {
			return storeUnavailable(methodOf(request) + " " + patternOf(request));
		}
		log.error("Unexpected error while handling {} {}", methodOf(request), patternOf(request), ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"Something went wrong on our side. Please try again; if it keeps happening, mention the request id.");
		return withRequestId(problem);
	}

	private static String methodOf(WebRequest request) {
		return (request instanceof ServletWebRequest servlet) ? servlet.getRequest().getMethod() : "?";
	}

	private static String patternOf(WebRequest request) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE,
				RequestAttributes.SCOPE_REQUEST);
		return (pattern != null) ? pattern.toString() : "(no handler)";
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem) {
			Problems.addRequestId(problem);
			// preset, so an Accept header that names something else (or cannot be parsed)
			// does not leave the problem unwritten
			HttpHeaders problemHeaders = HttpHeaders.copyOf(headers);
			problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			return super.createResponseEntity(body, problemHeaders, statusCode, request);
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	/**
	 * The store is out of reach: 503 with {@code Retry-After}, one WARN line (an outage
	 * is for operators to see, but it is not a bug, and no stack trace helps).
	 */
	static ResponseEntity<Object> storeUnavailable(String where) {
		log.warn("Store unavailable while handling {}", where);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, StoreOutage.DETAIL);
		problem.setProperty("code", StoreOutage.CODE);
		Problems.addRequestId(problem);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(StoreOutage.RETRY_AFTER_SECONDS))
			.body(problem);
	}

	private static ResponseEntity<Object> withRequestId(ProblemDetail problem) {
		Problems.addRequestId(problem);
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
