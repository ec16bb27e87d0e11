package be.cocon.identity;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test on purpose: the limiter's buckets live as long as the application context, and
 * every request comes from the same address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "cocon.identity.signups-per-address-per-hour=2")
class SignupRateLimitTests {

	@LocalServerPort
	int port;

	@Test
	void onlyAttemptsThatWouldMakeAnAccountCountAgainstTheLimit() {
		HttpTestClient browser = new HttpTestClient(this.port);
		String taken = SignupTests.uniqueUsername();
		for (int i = 0; i < 3; i++) {
			assertThat(signup(browser, SignupTests.uniqueUsername(), "password123").status()).isEqualTo(400);
		}
		assertThat(signup(browser, taken, "a-long-and-unusual-pass").status()).isEqualTo(201);
		assertThat(signup(browser, taken, "a-long-and-unusual-pass").status()).isEqualTo(409);
		assertThat(signup(browser, SignupTests.uniqueUsername(), "a-long-and-unusual-pass").status()).isEqualTo(201);

		Response refused = signup(browser, SignupTests.uniqueUsername(), "a-long-and-unusual-pass");

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.json().get("code").asString()).isEqualTo("signup.rate-limited");
	}

	private static Response signup(HttpTestClient browser, String username, String password) {
		browser.get("/auth/csrf");
		return browser.postJson("/auth/signup", SignupTests.body(username, "Kiki", password, true, true, "2026-11"),
				"X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"));
	}

}
