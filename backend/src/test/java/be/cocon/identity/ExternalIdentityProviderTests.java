package be.cocon.identity;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * External identity provider mode, against a small local issuer that publishes its
 * discovery document and keys the way Keycloak does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExternalIdentityProviderTests {

	static final RSAKey IDP_KEY = generate();

	static final HttpServer IDP = startIdp();

	static final String ISSUER = "http://localhost:" + IDP.getAddress().getPort() + "/realms/cocon";

	@LocalServerPort
	int port;

	HttpTestClient http;

	@Autowired
	Users users;

	@DynamicPropertySource
	static void external(DynamicPropertyRegistry registry) {
		registry.add("cocon.identity.external.issuer-uri", () -> ISSUER);
		registry.add("cocon.identity.external.audience", () -> "cocon-api");
		registry.add("cocon.identity.external.role-mapping.cocon-therapist", () -> "THERAPIST");
	}

	@AfterAll
	static void stopIdp() {
		IDP.stop(0);
	}

	@BeforeEach
	void setUp() {
		this.http = new HttpTestClient(this.port);
	}

	@Test
	void firstRequestProvisionsTheAccountWithMappedRoles() {
		String subject = UUID.randomUUID().toString();
		String token = sign(IDP_KEY, ISSUER, subject, "cocon-api", List.of("cocon-therapist", "offline_access"));

		Response me = this.http.get("/api/me", "Authorization", bearer(token));

		assertThat(me.status()).as(me.body()).isEqualTo(200);
		assertThat(me.json().get("id").asString()).isEqualTo(subject);
		assertThat(me.json().get("username").asString()).isEqualTo("user-" + subject.substring(0, 8));
		assertThat(me.json().get("roles").toString()).isEqualTo("[\"THERAPIST\"]");
		assertThat(this.http.get("/api/caseload", "Authorization", bearer(token)).status()).isEqualTo(200);
	}

	@Test
	void storedRolesFollowTheRolesOfTheToken() {
		String subject = UUID.randomUUID().toString();
		this.http.get("/api/me", "Authorization",
				bearer(sign(IDP_KEY, ISSUER, subject, "cocon-api", List.of("cocon-therapist"))));

		Response me = this.http.get("/api/me", "Authorization",
				bearer(sign(IDP_KEY, ISSUER, subject, "cocon-api", List.of("client"))));

		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("roles").toString()).isEqualTo("[\"CLIENT\"]");
		assertThat(this.users.findById(subject).orElseThrow().roles()).containsExactly(Role.CLIENT);
	}

	@Test
	void twoSubjectsWithTheSameUsernameBothGetAnAccount() {
		String first = UUID.randomUUID().toString();
		String second = UUID.randomUUID().toString();
		Map<String, Object> sameName = Map.of("preferred_username", "kim-" + first.substring(0, 6));

		Response one = this.http.get("/api/me", "Authorization",
				bearer(sign(IDP_KEY, ISSUER, first, "cocon-api", List.of("client"), sameName)));
		Response two = this.http.get("/api/me", "Authorization",
				bearer(sign(IDP_KEY, ISSUER, second, "cocon-api", List.of("client"), sameName)));

		assertThat(one.status()).isEqualTo(200);
		assertThat(two.status()).as(two.body()).isEqualTo(200);
		assertThat(one.json().get("username").asString()).isEqualTo(sameName.get("preferred_username"));
		assertThat(two.json().get("username").asString())
			.isEqualTo(sameName.get("preferred_username") + "-" + second.substring(0, 8));
	}

	@Test
	void idTokenOfTheIdpIsRejected() {
		String subject = UUID.randomUUID().toString();
		String idToken = sign(IDP_KEY, ISSUER, subject, "cocon-api", List.of("client"), Map.of("typ", "ID"));
		String accessToken = sign(IDP_KEY, ISSUER, subject, "cocon-api", List.of("client"), Map.of("typ", "Bearer"));

		assertThat(this.http.get("/api/me", "Authorization", bearer(idToken)).status()).isEqualTo(401);
		assertThat(this.http.get("/api/me", "Authorization", bearer(accessToken)).status()).isEqualTo(200);
	}

	@Test
	void theSignInFormIsOff() {
		this.http.get("/auth/csrf");

		Response login = this.http.postForm("/login", HttpTestClient.form("username", "demo-admin", "password",
				"cocon-demo-2026", "_csrf", this.http.cookie("XSRF-TOKEN")));

		assertThat(login.status()).as(login.body()).isNotEqualTo(302);
	}

	@Test
	void anAudienceIsRequired() {
		IdentitySettings settings = new IdentitySettings(null, null, null, null, 12, "v", 10, null, 5, null,
				new IdentitySettings.External(URI.create(ISSUER), null, "realm_access.roles", Map.of(),
						"preferred_username"),
				null, null, null);

		assertThatIllegalStateException().isThrownBy(() -> new ExternalIdentityProvider().jwtDecoder(settings))
			.withMessageContaining("cocon.identity.external.audience");
	}

	@Test
	void tokenForAnotherAudienceIsRejected() {
		String token = sign(IDP_KEY, ISSUER, UUID.randomUUID().toString(), "another-api", List.of("client"));

		assertThat(this.http.get("/api/me", "Authorization", bearer(token)).status()).isEqualTo(401);
	}

	@Test
	void tokenSignedByAnotherKeyIsRejected() {
		String token = sign(generate(), ISSUER, UUID.randomUUID().toString(), "cocon-api", List.of("client"));

		assertThat(this.http.get("/api/me", "Authorization", bearer(token)).status()).isEqualTo(401);
	}

	@Test
	void builtInServerIsOffAndTheAppIsToldWhereToSignIn() {
		Response config = this.http.get("/auth/config");

		assertThat(config.json().get("authority").asString()).isEqualTo(ISSUER);
		assertThat(config.json().get("signupEnabled").asBoolean()).isFalse();
		assertThat(this.http.get("/.well-known/openid-configuration").status()).isEqualTo(404);
	}

	private static String sign(RSAKey key, String issuer, String subject, String audience, List<String> roles) {
		return sign(key, issuer, subject, audience, roles, Map.of());
	}

	private static String sign(RSAKey key, String issuer, String subject, String audience, List<String> roles,
			Map<String, Object> extra) {
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(issuer)
			.subject(subject)
			.audience(List.of(audience))
			.issuedAt(now)
			.expiresAt(now.plusSeconds(300))
			.claim("preferred_username", "user-" + subject.substring(0, 8))
			.claim("realm_access", Map.of("roles", roles))
			.claims((all) -> all.putAll(extra))
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build();
		return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)))
			.encode(JwtEncoderParameters.from(header, claims))
			.getTokenValue();
	}

	private static RSAKey generate() {
		try {
			return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpServer startIdp() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			String issuer = "http://localhost:" + server.getAddress().getPort() + "/realms/cocon";
			serve(server, "/realms/cocon/.well-known/openid-configuration", """
					{"issuer":"%s","jwks_uri":"%s/protocol/openid-connect/certs",
					 "authorization_endpoint":"%s/protocol/openid-connect/auth",
					 "token_endpoint":"%s/protocol/openid-connect/token",
					 "subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}"""
				.formatted(issuer, issuer, issuer, issuer));
			serve(server, "/realms/cocon/protocol/openid-connect/certs", new JWKSet(IDP_KEY.toPublicJWK()).toString());
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void serve(HttpServer server, String path, String json) {
		server.createContext(path, (exchange) -> {
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
	}

}
