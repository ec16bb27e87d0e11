package be.cocon.identity;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import be.cocon.support.HttpTestClient;
import be.cocon.support.PkceSignIn;
import be.cocon.support.HttpTestClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Self sign-up of young clients through the public endpoint, as the browser app does it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignupTests {

	@LocalServerPort
	int port;

	@Autowired
	Users users;

	PkceSignIn flow;

	HttpTestClient browser;

	@BeforeEach
	void newBrowser() {
		this.flow = new PkceSignIn(this.port);
		this.browser = this.flow.browser();
	}

	@Test
	void newClientIsCreatedAndSignedInSoTheAppGetsTokensWithoutTheForm() {
		String username = uniqueUsername();
		Response created = signup(username, "Kiki", "a-long-and-unusual-pass", true, true, "2026-11");

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json().get("username").asString()).isEqualTo(username);
		Response token = this.flow.exchange(this.flow.codeFromSession());
		assertThat(token.status()).as(token.body()).isEqualTo(200);
		Response me = this.browser.get("/api/me", "Authorization",
				HttpTestClient.bearer(token.json().get("access_token").asString()));
		assertThat(me.json().get("username").asString()).isEqualTo(username);
		assertThat(me.json().get("locale").asString()).isEqualTo("en");
		assertThat(me.json().get("roles").toString()).isEqualTo("[\"CLIENT\"]");
		UserDocument stored = this.users.findByUsername(username).orElseThrow();
		assertThat(stored.confirmedMinimumAge()).isEqualTo(12);
		assertThat(stored.minimumAgeConfirmedAt()).isNotNull();
		assertThat(stored.houseRulesVersion()).isEqualTo("2026-11");
		assertThat(stored.houseRulesAcceptedAt()).isNotNull();
	}

	@Test
	void endingTheSessionMakesTheNextSignInAskForThePassword() {
		signup(uniqueUsername(), "Kiki", "a-long-and-unusual-pass", true, true, "2026-11");

		assertThat(this.browser.postJson("/auth/session/end", "").status()).isEqualTo(204);

		Response authorize = this.flow.start();
		assertThat(authorize.header("Location")).endsWith("/login");
	}

	@Test
	void takenUsernameIsAConflict() {
		Response response = signup("demo-client", "Robin", "a-long-and-unusual-pass", true, true, "2026-11");

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.json().get("code").asString()).isEqualTo("username.taken");
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("username");
	}

	@Test
	void invalidFieldsAreNamedWithACode() {
		assertFieldError(signup("x", "Kiki", "a-long-and-unusual-pass", true, true, "2026-11"), "username",
				"username.invalid");
		assertFieldError(signup(uniqueUsername(), " ", "a-long-and-unusual-pass", true, true, "2026-11"), "pseudonym",
				"pseudonym.invalid");
		assertFieldError(signup(uniqueUsername(), "Kiki", "short", true, true, "2026-11"), "password",
				"password.too-short");
		assertFieldError(signup(uniqueUsername(), "Kiki", "wachtwoord123", true, true, "2026-11"), "password",
				"password.common");
		assertFieldError(signup(uniqueUsername(), "Kiki", "wachtwoord1,2!", true, true, "2026-11"), "password",
				"password.common");
		assertFieldError(signup(uniqueUsername(), "Kiki", "a-long-and-unusual-pass", false, true, "2026-11"),
				"minimumAgeConfirmed", "age.not-confirmed");
		assertFieldError(signup(uniqueUsername(), "Kiki", "a-long-and-unusual-pass", true, false, "2026-11"),
				"houseRulesAccepted", "house-rules.not-accepted");
		assertFieldError(signup(uniqueUsername(), "Kiki", "a-long-and-unusual-pass", true, true, "2020-01"),
				"houseRulesAccepted", "house-rules.not-accepted");
	}

	@Test
	void passwordContainingTheUsernameIsRefused() {
		String username = uniqueUsername();

		assertFieldError(signup(username, "Kiki", username + "-and-more", true, true, "2026-11"), "password",
				"password.contains-username");
	}

	@Test
	void signupWithoutCsrfTokenIsRefused() {
		Response response = this.browser.postJson("/auth/signup",
				body(uniqueUsername(), "Kiki", "a-long-and-unusual-pass", true, true, "2026-11"));

		assertThat(response.status()).isEqualTo(403);
	}

	@Test
	void authConfigTellsTheAppHowToSignIn() {
		Response config = this.browser.get("/auth/config");

		assertThat(config.json().get("clientId").asString()).isEqualTo("cocon-web");
		assertThat(config.json().get("signupEnabled").asBoolean()).isTrue();
		assertThat(config.json().get("minimumAge").asInt()).isEqualTo(12);
		assertThat(config.json().get("passwordMinLength").asInt()).isEqualTo(10);
		assertThat(config.json().at("/idleSignOut/clientSeconds").asLong()).isEqualTo(15 * 60);
		assertThat(config.json().at("/idleSignOut/staffSeconds").asLong()).isEqualTo(30 * 60);
		assertThat(config.json().at("/idleSignOut/warningSeconds").asLong()).isEqualTo(60);
	}

	Response signup(String username, String pseudonym, String password, boolean age, boolean rules, String version) {
		this.browser.get("/auth/csrf");
		return this.browser.postJson("/auth/signup", body(username, pseudonym, password, age, rules, version),
				"X-XSRF-TOKEN", this.browser.cookie("XSRF-TOKEN"));
	}

	static String body(String username, String pseudonym, String password, boolean age, boolean rules, String version) {
		return """
				{"username":"%s","pseudonym":"%s","password":"%s","minimumAgeConfirmed":%s,
				 "houseRulesAccepted":%s,"houseRulesVersion":"%s","locale":"en","timezone":"Europe/Amsterdam"}"""
			.formatted(username, pseudonym, password, age, rules, version);
	}

	static String uniqueUsername() {
		return "kid-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static void assertFieldError(Response response, String field, String code) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
		assertThat(response.json().get("errors").get(0).get("code").asString()).isEqualTo(code);
	}

}
