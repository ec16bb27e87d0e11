package be.cocon.chat;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Refuses a WebSocket handshake without an {@code Origin} header (403) unless
 * {@code cocon.chat.require-origin} is off. Spring's origin check lets such a handshake
 * through as "same origin", but every browser sends the header on a WebSocket handshake,
 * and the only clients of this endpoint are browsers; a request without it comes from a
 * script or tool. This narrows who can open a session without a browser; it is no
 * authentication (anyone can write the header), which remains the bearer token on
 * CONNECT.
 */
class OriginRequired implements HandshakeInterceptor {

	private static final Logger log = LoggerFactory.getLogger(OriginRequired.class);

	private final boolean required;

	OriginRequired(boolean required) {
		this.required = required;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		if (!this.required || request.getHeaders().getFirst(HttpHeaders.ORIGIN) != null) {
			return true;
		}
		log.debug("Refused a WebSocket handshake without an Origin header");
		response.setStatusCode(HttpStatus.FORBIDDEN);
		return false;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception exception) {
	}

}
