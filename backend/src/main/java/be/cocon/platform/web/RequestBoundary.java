package be.cocon.platform.web;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import be.cocon.platform.ApiProblem;

/**
 * Checks what every REST handler takes from the request line and headers before any of
 * its arguments is read, so that no module needs to: every path variable is an id or a
 * fixed word (1 to {@value #MAX_ID_LENGTH} characters, not blank, no control characters),
 * else 400 {@code request.invalid-id}; a {@code Content-Type} must be one concrete media
 * type, else 415. Both are the client's mistake and logged at DEBUG only, never with the
 * value.
 */
class RequestBoundary implements HandlerInterceptor {

	/** The longest id anywhere in the API (a user id may be 128 characters). */
	static final int MAX_ID_LENGTH = 128;

	private static final Logger log = LoggerFactory.getLogger(RequestBoundary.class);

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws HttpMediaTypeNotSupportedException {
		if (!(handler instanceof HandlerMethod)) {
			return true;
		}
		checkContentType(request.getHeader(HttpHeaders.CONTENT_TYPE));
		if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
			variables.forEach((name, value) -> checkId(String.valueOf(name), String.valueOf(value)));
		}
		return true;
	}

	static boolean isId(String value) {
		return !value.isBlank() && value.length() <= MAX_ID_LENGTH
				&& value.codePoints().noneMatch(Character::isISOControl);
	}

	private static void checkId(String name, String value) {
		if (!isId(value)) {
			log.debug("Refused a request whose path variable '{}' is not a valid id", name);
			throw ApiProblem.badRequest("request.invalid-id", "The path segment '" + name + "' is not a valid id: 1 to "
					+ MAX_ID_LENGTH + " characters, not blank, no control characters.");
		}
	}

	/**
	 * Spring refuses a wildcard or unparsable content type only when it reads the body,
	 * and then with an exception that is not the client's mistake; refuse it here first.
	 */
	private static void checkContentType(String header) throws HttpMediaTypeNotSupportedException {
		if (header == null) {
			return;
		}
		try {
			MediaType type = MediaType.parseMediaType(header);
			if (!type.isConcrete()) {
				throw new InvalidMediaTypeException(header, "not a concrete media type");
			}
		}
		catch (InvalidMediaTypeException ex) {
			log.debug("Refused a request whose Content-Type is not one concrete media type");
			throw new HttpMediaTypeNotSupportedException("The Content-Type must be one concrete media type.",
					List.of(MediaType.APPLICATION_JSON));
		}
	}

}
