package be.cocon.identity;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "cocon.identity.signups-per-address-per-hour=2")
class SignupRateLimitTests {

	@LocalServerPort
	int port;

	@Test
	void signupsBeyondTheLimitFromOneAddressAreRefused() {
		HttpTestClient browser = new HttpTestClient(this.port);
		browser.get("/auth/csrf");
		for (int i = 0; i < 2; i++) {
			assertThat(signup(browser).status()).isEqualTo(201);
		}

		Response refused = signup(browser);

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.json().get("code").asString()).isEqualTo("signup.rate-limited");
	}

	private static Response signup(HttpTestClient browser) {
		browser.get("/auth/csrf");
		return browser.postJson("/auth/signup", SignupTests.body(SignupTests.uniqueUsername(), "Kiki",
				"a-long-and-unusual-pass", true, true, "2026-11"), "X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"));
	}

}
