package be.cocon.platform.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is well-formed,
 * else a new one), puts it in the logging context, a request attribute and the response,
 * and writes one structured log line per request. The container's error dispatch (after a
 * filter or the container rejected the request) runs with the same id, so the problem
 * detail written there names it too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Request-Id";

	static final String MDC_KEY = "requestId";

	static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

	private static final Pattern ACCEPTED_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");

	private static final Logger log = LoggerFactory.getLogger("be.cocon.request");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getDispatcherType() == DispatcherType.ERROR
				&& request.getAttribute(ATTRIBUTE) instanceof String requestId) {
			withRequestId(requestId, request, response, chain);
			return;
		}
		String requestId = requestIdOf(request);
		long started = System.nanoTime();
		MDC.put(MDC_KEY, requestId);
		request.setAttribute(ATTRIBUTE, requestId);
		response.setHeader(HEADER, requestId);
		try {
			chain.doFilter(request, response);
		}
		finally {
			logCompleted(request, response, (System.nanoTime() - started) / 1_000_000);
			MDC.remove(MDC_KEY);
		}
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	private static void withRequestId(String requestId, HttpServletRequest request, HttpServletResponse response,
			FilterChain chain) throws ServletException, IOException {
		MDC.put(MDC_KEY, requestId);
		if (!response.isCommitted()) {
			response.setHeader(HEADER, requestId);
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
	}

	static String requestIdOf(HttpServletRequest request) {
		String offered = request.getHeader(HEADER);
		if (offered != null && ACCEPTED_ID.matcher(offered).matches()) {
			return offered;
		}
		return UUID.randomUUID().toString();
	}

	private void logCompleted(HttpServletRequest request, HttpServletResponse response, long millis) {
		log.atInfo()
			.addKeyValue("method", request.getMethod())
			.addKeyValue("path", request.getRequestURI())
			.addKeyValue("status", response.getStatus())
			.addKeyValue("durationMs", millis)
			.log("{} {} -> {} in {} ms", request.getMethod(), request.getRequestURI(), response.getStatus(), millis);
	}

}
