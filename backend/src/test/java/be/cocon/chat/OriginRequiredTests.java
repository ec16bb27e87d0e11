package be.cocon.chat;

import java.util.HashMap;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Origin rule of the WebSocket handshake with either setting of
 * {@code cocon.chat.require-origin} (the default, on, is also tested end to end in
 * {@code HostileFrameTests}).
 */
class OriginRequiredTests {

	@Test
	void withTheDefaultAHandshakeWithoutOriginIsRefusedWith403() {
		MockHttpServletResponse response = new MockHttpServletResponse();

		assertThat(handshake(new OriginRequired(true), null, response)).isFalse();
		assertThat(response.getStatus()).isEqualTo(HttpStatus.FORBIDDEN.value());
	}

	@Test
	void withTheDefaultAHandshakeWithAnOriginGoesOnToTheOriginCheck() {
		assertThat(handshake(new OriginRequired(true), "http://localhost:8080", new MockHttpServletResponse()))
			.isTrue();
	}

	@Test
	void switchedOffAHandshakeWithoutOriginIsLetThrough() {
		assertThat(handshake(new OriginRequired(false), null, new MockHttpServletResponse())).isTrue();
	}

	private static boolean handshake(OriginRequired rule, String origin, MockHttpServletResponse response) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws");
		if (origin != null) {
			request.addHeader("Origin", origin);
		}
		return rule.beforeHandshake(new ServletServerHttpRequest(request), new ServletServerHttpResponse(response),
				new TextWebSocketHandler(), new HashMap<>());
	}

}
