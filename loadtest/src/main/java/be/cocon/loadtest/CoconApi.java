package be.cocon.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import be.cocon.loadtest.Completeness.Stored;

/**
 * The parts of Cocon's public HTTP API the load generator needs, used as the browser app
 * and an admin would: sign-up, staff accounts and assignments, sign-in by authorization
 * code + PKCE as the public client {@code cocon-web}, token refresh, history.
 */
final class CoconApi {

	static final String CLIENT_ID = "cocon-web";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SecureRandom RANDOM = new SecureRandom();

	private final HttpClient http;

	private final String base;

	private final String redirectUri;

	/** The house rules version a sign-up accepts, asked once. */
	private volatile String houseRules;

	/**
	 * @param base where the app listens, e.g. {@code http://localhost:18080}
	 * @param issuer the app's public URL ({@code cocon.identity.issuer}); its
	 * {@code /auth/callback} is the registered redirect URI
	 */
	CoconApi(HttpClient http, String base, String issuer) {
		this.http = http;
		this.base = trimSlash(base);
		this.redirectUri = trimSlash(issuer) + "/auth/callback";
	}

	/** Access and refresh token of a signed-in user. */
	record Tokens(String accessToken, String refreshToken, long expiresAt) {

		boolean validFor(Duration duration) {
			return Instant.now().plus(duration).getEpochSecond() < this.expiresAt;
		}

	}

	record SignedUp(String id, Tokens tokens) {
	}

	boolean healthy() {
		try {
			return new Browser().get("/actuator/health").statusCode() == 200;
		}
		catch (UncheckedIOException ex) {
			return false;
		}
	}

	/** Signs in through the sign-in form (one password check at the server). */
	Tokens signIn(String username, String password) {
		Browser browser = new Browser();
		Pkce pkce = new Pkce();
		HttpResponse<String> authorize = browser.get(pkce.authorizeQuery(this.redirectUri), "Accept", "text/html");
		expect(authorize, 302, "GET /oauth2/authorize");
		String csrf = JSON.readTree(browser.get("/auth/csrf").body()).path("token").asString();
		HttpResponse<String> login = browser.postForm("/login",
				form("username", username, "password", password, "_csrf", csrf));
		expect(login, 302, "POST /login");
		String next = login.headers().firstValue("Location").orElse("");
		if (next.contains("error")) {
			throw new IllegalStateException("Sign-in refused for " + username);
		}
		String code = codeFrom(browser.get(next, "Accept", "text/html"));
		Tokens tokens = exchange(code, pkce);
		browser.endSession();
		return tokens;
	}

	/**
	 * Signs a new client up; the app signs them in at its authorization server, so the
	 * tokens come without a second password check.
	 */
	SignedUp signUp(String username, String pseudonym, String password) {
		Browser browser = new Browser();
		browser.get("/auth/csrf");
		String body = JSON.createObjectNode()
			.put("username", username)
			.put("pseudonym", pseudonym)
			.put("password", password)
			.put("minimumAgeConfirmed", true)
			.put("houseRulesAccepted", true)
			.put("houseRulesVersion", houseRulesVersion())
			.put("locale", "en")
			.put("timezone", "Europe/Brussels")
			.toString();
		HttpResponse<String> created = browser.send(browser.request("/auth/signup")
			.header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"))
			.POST(HttpRequest.BodyPublishers.ofString(body)));
		expect(created, 201, "POST /auth/signup");
		String id = JSON.readTree(created.body()).path("id").asString();
		Pkce pkce = new Pkce();
		String code = codeFrom(browser.get(pkce.authorizeQuery(this.redirectUri), "Accept", "text/html"));
		Tokens tokens = exchange(code, pkce);
		browser.endSession();
		return new SignedUp(id, tokens);
	}

	private String houseRulesVersion() {
		String version = this.houseRules;
		if (version == null) {
			version = JSON.readTree(new Browser().get("/auth/config").body()).path("houseRulesVersion").asString();
			this.houseRules = version;
		}
		return version;
	}

	/** Creates a staff account as an admin; returns its id. */
	String createStaff(String adminToken, String username, String pseudonym, String password, String role) {
		String body = JSON.createObjectNode()
			.put("username", username)
			.put("pseudonym", pseudonym)
			.put("password", password)
			.put("role", role)
			.put("locale", "en")
			.toString();
		Browser browser = new Browser();
		HttpResponse<String> created = browser.send(browser.request("/api/admin/accounts")
			.header("Authorization", "Bearer " + adminToken)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
		expect(created, 201, "POST /api/admin/accounts");
		return JSON.readTree(created.body()).path("id").asString();
	}

	/** Assigns a client to a therapist as an admin, which opens their conversation. */
	void assign(String adminToken, String clientId, String therapistId) {
		Browser browser = new Browser();
		HttpResponse<String> assigned = browser.send(browser.request("/api/admin/clients/" + clientId + "/therapist")
			.header("Authorization", "Bearer " + adminToken)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers
				.ofString(JSON.createObjectNode().put("therapistId", therapistId).toString())));
		expect(assigned, 200, "PUT /api/admin/clients/{id}/therapist");
	}

	/**
	 * New tokens for a refresh token (which the server rotates: use the new one next).
	 */
	Tokens refresh(String refreshToken) {
		Browser browser = new Browser();
		HttpResponse<String> response = browser.postForm("/oauth2/token",
				form("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", CLIENT_ID));
		expect(response, 200, "POST /oauth2/token (refresh)");
		return tokensOf(response, refreshToken);
	}

	/** Whether the API takes this access token. */
	boolean accepts(String accessToken) {
		return new Browser().get("/api/me", "Authorization", "Bearer " + accessToken).statusCode() == 200;
	}

	/** Ids of the conversations the user takes part in. */
	List<String> conversations(String accessToken) {
		HttpResponse<String> response = new Browser().get("/api/conversations", "Authorization",
				"Bearer " + accessToken);
		expect(response, 200, "GET /api/conversations");
		List<String> ids = new ArrayList<>();
		JSON.readTree(response.body()).forEach((conversation) -> ids.add(conversation.path("id").asString()));
		return ids;
	}

	/** Every stored message of the conversation after the given seq, page by page. */
	List<Stored> history(String accessToken, String conversationId, long after) {
		List<Stored> messages = new ArrayList<>();
		long from = after;
		while (true) {
			HttpResponse<String> response = new Browser().get(
					"/api/conversations/" + conversationId + "/messages?limit=100&after=" + from, "Authorization",
					"Bearer " + accessToken);
			expect(response, 200, "GET /api/conversations/{id}/messages");
			JsonNode page = JSON.readTree(response.body());
			long lastSeq = page.path("lastSeq").asLong();
			for (JsonNode message : page.path("messages")) {
				messages.add(new Stored(message.path("seq").asLong(), message.path("clientMessageId").asString(null)));
			}
			// pages are ids after+1 .. after+100, so a gap (a number never stored) just
			// makes a page shorter
			from += 100;
			if (from >= lastSeq) {
				return messages;
			}
		}
	}

	private Tokens exchange(String code, Pkce pkce) {
		HttpResponse<String> response = new Browser().postForm("/oauth2/token",
				form("grant_type", "authorization_code", "code", code, "redirect_uri", this.redirectUri, "client_id",
						CLIENT_ID, "code_verifier", pkce.verifier));
		expect(response, 200, "POST /oauth2/token");
		return tokensOf(response, null);
	}

	private static Tokens tokensOf(HttpResponse<String> response, String previousRefresh) {
		JsonNode body = JSON.readTree(response.body());
		String refresh = body.path("refresh_token").asString(previousRefresh);
		long expiresAt = Instant.now().getEpochSecond() + body.path("expires_in").asLong(0);
		return new Tokens(body.path("access_token").asString(), refresh, expiresAt);
	}

	private String codeFrom(HttpResponse<String> authorize) {
		expect(authorize, 302, "GET /oauth2/authorize");
		String location = authorize.headers().firstValue("Location").orElse("");
		if (!location.startsWith(this.redirectUri)) {
			throw new IllegalStateException("Authorization did not return to the app (" + location.split("\\?")[0]
					+ "): is the sign-in session missing?");
		}
		for (String parameter : URI.create(location).getRawQuery().split("&")) {
			if (parameter.startsWith("code=")) {
				return java.net.URLDecoder.decode(parameter.substring(5), StandardCharsets.UTF_8);
			}
		}
		throw new IllegalStateException("No authorization code in the redirect");
	}

	private static void expect(HttpResponse<String> response, int status, String what) {
		if (response.statusCode() != status) {
			String body = response.body();
			throw new IllegalStateException(what + " answered " + response.statusCode() + ": "
					+ body.substring(0, Math.min(300, body.length())));
		}
	}

	static Map<String, String> form(String... pairs) {
		Map<String, String> form = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			form.put(pairs[i], pairs[i + 1]);
		}
		return form;
	}

	private static String trimSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	/** A PKCE verifier and the authorization request that goes with it. */
	private static final class Pkce {

		final String verifier;

		Pkce() {
			byte[] random = new byte[32];
			RANDOM.nextBytes(random);
			this.verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		}

		String authorizeQuery(String redirectUri) {
			return "/oauth2/authorize?response_type=code&client_id=" + CLIENT_ID + "&scope=openid%20profile"
					+ "&state=load&redirect_uri=" + encode(redirectUri) + "&code_challenge=" + challenge()
					+ "&code_challenge_method=S256";
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

	}

	/**
	 * One browser's cookies over the shared HTTP client (which keeps none itself, so
	 * parallel sign-ins do not share a session). Redirects are not followed: each step is
	 * checked.
	 */
	private final class Browser {

		private final Map<String, String> cookies = new LinkedHashMap<>();

		HttpRequest.Builder request(String path) {
			URI uri = path.startsWith("http") ? URI.create(path) : URI.create(CoconApi.this.base + path);
			HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
			if (!this.cookies.isEmpty()) {
				builder.header("Cookie",
						this.cookies.entrySet()
							.stream()
							.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
							.collect(Collectors.joining("; ")));
			}
			return builder;
		}

		HttpResponse<String> get(String path, String... headers) {
			HttpRequest.Builder request = request(path);
			for (int i = 0; i < headers.length; i += 2) {
				request.header(headers[i], headers[i + 1]);
			}
			return send(request.GET());
		}

		HttpResponse<String> postForm(String path, Map<String, String> form) {
			String body = form.entrySet()
				.stream()
				.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
				.collect(Collectors.joining("&"));
			return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body)));
		}

		String cookie(String name) {
			String value = this.cookies.get(name);
			if (value == null) {
				throw new IllegalStateException("The server set no " + name + " cookie");
			}
			return value;
		}

		/** Ends the sign-in session at the server, so sessions do not pile up there. */
		void endSession() {
			send(request("/auth/session/end").POST(HttpRequest.BodyPublishers.noBody()));
		}

		HttpResponse<String> send(HttpRequest.Builder request) {
			try {
				HttpResponse<String> response = CoconApi.this.http.send(request.build(),
						HttpResponse.BodyHandlers.ofString());
				for (String header : response.headers().allValues("Set-Cookie")) {
					keep(header);
				}
				return response;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private void keep(String setCookie) {
			String pair = setCookie.split(";", 2)[0];
			int equals = pair.indexOf('=');
			if (equals <= 0) {
				return;
			}
			String name = pair.substring(0, equals).trim();
			String value = pair.substring(equals + 1).trim();
			if (value.isEmpty() || setCookie.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
				this.cookies.remove(name);
			}
			else {
				this.cookies.put(name, value);
			}
		}

	}

}
