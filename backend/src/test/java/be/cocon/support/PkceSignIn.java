package be.cocon.support;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import tools.jackson.databind.JsonNode;

import org.springframework.web.util.UriComponentsBuilder;

import be.cocon.support.HttpTestClient.Response;

import static be.cocon.support.HttpTestClient.form;

/**
 * Walks the browser app's sign-in over real HTTP, step by step: authorization code + PKCE
 * as the public client {@code cocon-web}, through the sign-in form.
 */
public final class PkceSignIn {

	public static final String REDIRECT_URI = "http://localhost:8080/auth/callback";

	private final HttpTestClient browser;

	private String verifier;

	public PkceSignIn(int port) {
		this.browser = new HttpTestClient(port);
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		this.verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	public HttpTestClient browser() {
		return this.browser;
	}

	public void useVerifier(String verifier) {
		this.verifier = verifier;
	}

	/** The token response of a complete sign-in; fails unless every step succeeds. */
	public JsonNode tokens(String username, String password) {
		Response token = exchange(authorizationCode(username, password));
		if (token.status() != 200) {
			throw new AssertionError("Token exchange failed: " + token.status() + " " + token.body());
		}
		return token.json();
	}

	public String accessToken(String username, String password) {
		return tokens(username, password).get("access_token").asString();
	}

	public String authorizationCode(String username, String password) {
		start();
		Response login = login(username, password);
		expect(login, 302);
		Response authorize = this.browser.get(login.header("Location"), "Accept", "text/html");
		return codeFrom(authorize);
	}

	/**
	 * The code when this browser is already signed in at the server (no sign-in form).
	 */
	public String codeFromSession() {
		return codeFrom(start());
	}

	private String codeFrom(Response authorize) {
		expect(authorize, 302);
		URI callback = URI.create(authorize.header("Location"));
		if (!callback.toString().startsWith(REDIRECT_URI)) {
			throw new AssertionError("Not redirected to the app: " + callback);
		}
		var params = UriComponentsBuilder.fromUri(callback).build().getQueryParams();
		if (!"state-1".equals(params.getFirst("state"))) {
			throw new AssertionError("State not returned: " + callback);
		}
		return params.getFirst("code");
	}

	/** Starts authorization; the server answers with a redirect to its sign-in page. */
	public Response start() {
		String query = "response_type=code&client_id=cocon-web&scope=openid%20profile&state=state-1" + "&redirect_uri="
				+ URLEncoder.encode(REDIRECT_URI, StandardCharsets.UTF_8) + "&code_challenge=" + challenge()
				+ "&code_challenge_method=S256";
		return this.browser.get("/oauth2/authorize?" + query, "Accept", "text/html");
	}

	public Response login(String username, String password) {
		String csrf = this.browser.get("/auth/csrf").json().get("token").asString();
		return this.browser.postForm("/login", form("username", username, "password", password, "_csrf", csrf));
	}

	public Response exchange(String code) {
		return this.browser.postForm("/oauth2/token", form("grant_type", "authorization_code", "code", code,
				"redirect_uri", REDIRECT_URI, "client_id", "cocon-web", "code_verifier", this.verifier));
	}

	public Response refresh(String refreshToken) {
		return this.browser.postForm("/oauth2/token",
				form("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", "cocon-web"));
	}

	private String challenge() {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest(this.verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void expect(Response response, int status) {
		if (response.status() != status) {
			throw new AssertionError("Expected " + status + " but got " + response.status() + " " + response.body());
		}
	}

}
