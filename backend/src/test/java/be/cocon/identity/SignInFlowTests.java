package be.cocon.identity;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import be.cocon.support.PkceSignIn;
import be.cocon.support.HttpTestClient.Response;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser app's sign-in, over real HTTP with no mocked security: authorization code +
 * PKCE as a public client, through the sign-in form, to a token that works on the API,
 * and refresh tokens that rotate.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestTokens.class)
class SignInFlowTests {

	@LocalServerPort
	int port;

	PkceSignIn flow;

	@Autowired
	TestTokens tokens;

	@Autowired
	AccountService accounts;

	@Autowired
	Users users;

	@BeforeEach
	void newBrowser() {
		this.flow = new PkceSignIn(this.port);
	}

	@Test
	void codeFlowWithPkceEndsInATokenThatWorksOnTheApi() {
		JsonNode tokens = this.flow.tokens("demo-therapist", "cocon-demo-2026");

		assertThat(tokens.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(tokens.get("id_token").asString()).isNotBlank();
		Response me = this.flow.browser()
			.get("/api/me", "Authorization", bearer(tokens.get("access_token").asString()));
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("username").asString()).isEqualTo("demo-therapist");
		assertThat(me.json().get("roles").get(0).asString()).isEqualTo("THERAPIST");
	}

	@Test
	void aDisabledAccountIsNamedOnlyAfterTheRightPassword() {
		UserId account = this.tokens.account(Role.CLIENT);
		String username = this.users.findById(account.value()).orElseThrow().username();
		SystemAuthentication.run(() -> this.accounts.setDisabled(account.value(), true));

		Response wrong = this.flow.login(username, "not-the-password-at-all");
		Response right = this.flow.login(username, "long-enough-password-1");

		assertThat(wrong.header("Location")).endsWith("/login?error=credentials");
		assertThat(right.header("Location")).endsWith("/login?error=disabled");
	}

	@Test
	void unauthenticatedAuthorizationGoesToTheSignInPage() {
		Response authorize = this.flow.start();

		assertThat(authorize.status()).isEqualTo(302);
		assertThat(authorize.header("Location")).endsWith("/login");
	}

	@Test
	void refreshTokenRotatesAndTheOldOneStopsWorking() {
		String refresh = this.flow.tokens("demo-client", "cocon-demo-2026").get("refresh_token").asString();

		Response refreshed = this.flow.refresh(refresh);
		assertThat(refreshed.status()).isEqualTo(200);
		String next = refreshed.json().get("refresh_token").asString();
		assertThat(next).isNotEqualTo(refresh);
		assertThat(this.flow.browser()
			.get("/api/me", "Authorization", bearer(refreshed.json().get("access_token").asString()))
			.status()).isEqualTo(200);

		Response reused = this.flow.refresh(refresh);
		assertThat(reused.status()).isEqualTo(400);
		assertThat(reused.json().get("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void codeExchangeWithoutTheRightVerifierIsRefused() {
		String code = this.flow.authorizationCode("demo-client", "cocon-demo-2026");
		this.flow.useVerifier("a-different-verifier-that-is-long-enough-to-be-valid-1234567");

		Response token = this.flow.exchange(code);

		assertThat(token.status()).isEqualTo(400);
		assertThat(token.json().get("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void wrongPasswordGoesBackToTheSignInPageWithAReason() {
		this.flow.start();
		Response login = this.flow.login("demo-moderator", "not-the-password");

		assertThat(login.status()).isEqualTo(302);
		assertThat(login.header("Location")).endsWith("/login?error=credentials");
	}

	@Test
	void repeatedFailuresLockTheAccountForAWhile() {
		this.flow.start();
		for (int i = 0; i < 5; i++) {
			this.flow.login("demo-client-2", "wrong-" + i);
		}

		Response locked = this.flow.login("demo-client-2", "cocon-demo-2026");

		assertThat(locked.header("Location")).endsWith("/login?error=locked");
	}

	@Test
	void discoveryDocumentNamesTheIssuerAndPkce() {
		Response discovery = this.flow.browser().get("/.well-known/openid-configuration");

		assertThat(discovery.status()).isEqualTo(200);
		assertThat(discovery.json().get("issuer").asString()).isEqualTo("http://localhost:8080");
		assertThat(discovery.json().get("code_challenge_methods_supported").toString()).contains("S256");
	}

	@Test
	void signInPageIsTheBrowserApp() {
		Response page = this.flow.browser().get("/login", "Accept", "text/html");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("Content-Type")).startsWith("text/html");
	}

}
