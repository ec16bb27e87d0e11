package be.cocon.identity;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.UriComponentsBuilder;

import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;

import static be.cocon.support.HttpTestClient.bearer;
import static be.cocon.support.HttpTestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser app's sign-in, over real HTTP with no mocked security: authorization code +
 * PKCE as a public client, through the sign-in form, to a token that works on the API,
 * and refresh tokens that rotate.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignInFlowTests {

	static final String REDIRECT_URI = "http://localhost:8080/auth/callback";

	@LocalServerPort
	int port;

	HttpTestClient browser;

	String verifier;

	@BeforeEach
	void newBrowser() throws Exception {
		this.browser = new HttpTestClient(this.port);
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		this.verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	@Test
	void codeFlowWithPkceEndsInATokenThatWorksOnTheApi() {
		JsonNode tokens = signIn("demo-therapist", "cocon-demo-2026");

		assertThat(tokens.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(tokens.get("id_token").asString()).isNotBlank();
		Response me = this.browser.get("/api/me", "Authorization", bearer(tokens.get("access_token").asString()));
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("username").asString()).isEqualTo("demo-therapist");
		assertThat(me.json().get("roles").get(0).asString()).isEqualTo("THERAPIST");
	}

	@Test
	void refreshTokenRotatesAndTheOldOneStopsWorking() {
		String refresh = signIn("demo-client", "cocon-demo-2026").get("refresh_token").asString();

		Response refreshed = refresh(refresh);
		assertThat(refreshed.status()).isEqualTo(200);
		String next = refreshed.json().get("refresh_token").asString();
		assertThat(next).isNotEqualTo(refresh);
		assertThat(this.browser.get("/api/me", "Authorization", bearer(refreshed.json().get("access_token").asString()))
			.status()).isEqualTo(200);

		Response reused = refresh(refresh);
		assertThat(reused.status()).isEqualTo(400);
		assertThat(reused.json().get("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void codeExchangeWithoutTheRightVerifierIsRefused() {
		String code = authorizationCode("demo-client", "cocon-demo-2026");
		this.verifier = "a-different-verifier-that-is-long-enough-to-be-valid-1234567";

		Response token = exchange(code);

		assertThat(token.status()).isEqualTo(400);
		assertThat(token.json().get("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void wrongPasswordGoesBackToTheSignInPageWithAReason() {
		startAuthorization();
		Response login = postLogin("demo-moderator", "not-the-password");

		assertThat(login.status()).isEqualTo(302);
		assertThat(login.header("Location")).endsWith("/login?error=credentials");
	}

	@Test
	void repeatedFailuresLockTheAccountForAWhile() {
		startAuthorization();
		for (int i = 0; i < 5; i++) {
			postLogin("demo-client-2", "wrong-" + i);
		}

		Response locked = postLogin("demo-client-2", "cocon-demo-2026");

		assertThat(locked.header("Location")).endsWith("/login?error=locked");
	}

	@Test
	void discoveryDocumentNamesTheIssuerAndPkce() {
		Response discovery = this.browser.get("/.well-known/openid-configuration");

		assertThat(discovery.status()).isEqualTo(200);
		assertThat(discovery.json().get("issuer").asString()).isEqualTo("http://localhost:8080");
		assertThat(discovery.json().get("code_challenge_methods_supported").toString()).contains("S256");
	}

	@Test
	void signInPageIsTheBrowserApp() {
		Response page = this.browser.get("/login", "Accept", "text/html");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("Content-Type")).startsWith("text/html");
	}

	JsonNode signIn(String username, String password) {
		Response token = exchange(authorizationCode(username, password));
		assertThat(token.status()).as(token.body()).isEqualTo(200);
		return token.json();
	}

	String authorizationCode(String username, String password) {
		startAuthorization();
		Response login = postLogin(username, password);
		assertThat(login.status()).isEqualTo(302);
		Response authorize = this.browser.get(login.header("Location"), "Accept", "text/html");
		assertThat(authorize.status()).as(authorize.body()).isEqualTo(302);
		URI callback = URI.create(authorize.header("Location"));
		assertThat(callback.toString()).startsWith(REDIRECT_URI);
		var params = UriComponentsBuilder.fromUri(callback).build().getQueryParams();
		assertThat(params.getFirst("state")).isEqualTo("state-1");
		return params.getFirst("code");
	}

	void startAuthorization() {
		String query = "response_type=code&client_id=cocon-web&scope=openid%20profile&state=state-1" + "&redirect_uri="
				+ URLEncoder.encode(REDIRECT_URI, StandardCharsets.UTF_8) + "&code_challenge=" + challenge()
				+ "&code_challenge_method=S256";
		Response authorize = this.browser.get("/oauth2/authorize?" + query, "Accept", "text/html");
		assertThat(authorize.status()).isEqualTo(302);
		assertThat(authorize.header("Location")).endsWith("/login");
	}

	Response postLogin(String username, String password) {
		String csrf = this.browser.get("/auth/csrf").json().get("token").asString();
		return this.browser.postForm("/login", form("username", username, "password", password, "_csrf", csrf));
	}

	Response exchange(String code) {
		return this.browser.postForm("/oauth2/token", form("grant_type", "authorization_code", "code", code,
				"redirect_uri", REDIRECT_URI, "client_id", "cocon-web", "code_verifier", this.verifier));
	}

	Response refresh(String refreshToken) {
		return this.browser.postForm("/oauth2/token",
				form("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", "cocon-web"));
	}

	String challenge() {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest(this.verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
