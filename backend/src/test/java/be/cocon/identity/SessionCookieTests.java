package be.cocon.identity;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import be.cocon.support.HttpTestClient.Response;
import be.cocon.support.PkceSignIn;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in session cookie is not sent on requests that other sites start
 * (SameSite=Lax) and is out of reach of scripts (HttpOnly).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestTokens.class)
class SessionCookieTests {

	@LocalServerPort
	int port;

	@Test
	void theSessionCookieIsSameSiteLaxAndHttpOnly() {
		Response authorize = new PkceSignIn(this.port).start();

		List<String> cookies = authorize.raw().headers().allValues("Set-Cookie");
		assertThat(cookies).filteredOn((cookie) -> cookie.startsWith("JSESSIONID="))
			.singleElement()
			.satisfies((cookie) -> assertThat(cookie).containsIgnoringCase("SameSite=Lax").contains("HttpOnly"));
	}

}
