package be.cocon.identity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;
import be.cocon.support.PkceSignIn;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad token is a 401 problem detail; a good token without the role, a 403.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestTokens.class)
class TokenRejectionTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	AccountService accounts;

	HttpTestClient http;

	UserId client;

	@BeforeEach
	void setUp() {
		this.http = new HttpTestClient(this.port);
		this.client = this.tokens.account(Role.CLIENT);
	}

	@Test
	void validTokenIsAccepted() {
		assertThat(me(this.tokens.tokenFor(this.client, Role.CLIENT)).status()).isEqualTo(200);
	}

	@Test
	void missingTokenIsRejected() {
		Response response = this.http.get("/api/me");

		assertUnauthorized(response, "auth.missing-token");
	}

	@Test
	void expiredTokenIsRejected() {
		Instant past = Instant.now().minusSeconds(3600);
		String token = this.tokens.sign(this.client,
				(claims) -> claims.issuedAt(past).notBefore(past).expiresAt(past.plusSeconds(60)));

		assertUnauthorized(me(token), "auth.invalid-token");
	}

	@Test
	void tamperedTokenIsRejected() {
		String token = this.tokens.tokenFor(this.client, Role.CLIENT);
		String[] parts = token.split("\\.");
		String otherPayload = this.tokens.tokenFor(this.tokens.account(Role.ADMIN), Role.ADMIN).split("\\.")[1];

		assertUnauthorized(me(parts[0] + "." + otherPayload + "." + parts[2]), "auth.invalid-token");
	}

	@Test
	void tokenFromAnotherIssuerIsRejected() {
		String token = this.tokens.sign(this.client, (claims) -> claims.issuer("https://evil.example"));

		assertUnauthorized(me(token), "auth.invalid-token");
	}

	@Test
	void tokenForAnotherAudienceIsRejected() {
		String token = this.tokens.sign(this.client, (claims) -> claims.audience(List.of("some-other-api")));

		assertUnauthorized(me(token), "auth.invalid-token");
	}

	@Test
	void idTokenFromTheSignInFlowIsRejected() {
		JsonNode signedIn = new PkceSignIn(this.port).tokens("demo-moderator", "cocon-demo-2026");
		String idToken = signedIn.get("id_token").asString();

		assertThat(me(signedIn.get("access_token").asString()).status()).isEqualTo(200);
		assertThat(claimsOf(idToken)).doesNotContain("\"roles\"");
		assertUnauthorized(me(idToken), "auth.invalid-token");
	}

	@Test
	void tokenWithoutTheAccessTokenTypeIsRejected() {
		String token = this.tokens.sign(this.client, (claims) -> claims.claim("roles", List.of("CLIENT")),
				(header) -> header.type("JWT"));

		assertUnauthorized(me(token), "auth.invalid-token");
	}

	@Test
	void garbageIsRejected() {
		assertUnauthorized(me("not-a-jwt"), "auth.invalid-token");
	}

	@Test
	void tokenOfADisabledAccountIsRejected() {
		String token = this.tokens.tokenFor(this.client, Role.CLIENT);
		SystemAuthentication.run(() -> this.accounts.setDisabled(this.client.value(), true));

		assertUnauthorized(me(token), "auth.invalid-token");
	}

	@Test
	void validTokenWithoutTheRoleIsForbidden() {
		Response response = this.http.get("/api/admin/accounts", "Authorization",
				bearer(this.tokens.tokenFor(this.client, Role.CLIENT)));

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("code").asString()).isEqualTo("auth.forbidden");
	}

	private static String claimsOf(String jwt) {
		return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
	}

	private Response me(String token) {
		return this.http.get("/api/me", "Authorization", bearer(token));
	}

	private static void assertUnauthorized(Response response, String code) {
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
		assertThat(response.json().get("status").asInt()).isEqualTo(401);
		assertThat(response.json().get("code").asString()).isEqualTo(code);
	}

}
