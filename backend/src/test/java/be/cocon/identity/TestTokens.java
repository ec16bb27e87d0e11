package be.cocon.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Makes accounts and signs access tokens for them with the application's own stored key,
 * as the authorization server would, so API tests need not walk the sign-in flow (one
 * test does walk it: {@code SignInFlowTests}).
 */
@TestComponent
public class TestTokens {

	private final AccountService accounts;

	private final SigningKeys keys;

	private final IdentitySettings settings;

	TestTokens(AccountService accounts, SigningKeys keys, IdentitySettings settings) {
		this.accounts = accounts;
		this.keys = keys;
		this.settings = settings;
	}

	/** A new account with these roles. */
	public UserId account(Role... roles) {
		String username = "t-" + UUID.randomUUID().toString().substring(0, 12);
		return new UserId(SystemAuthentication.call(() -> this.accounts
			.create(new AccountService.NewAccount(username, "Test " + username, "long-enough-password-1",
					Set.copyOf(Arrays.asList(roles)), "nl", "Europe/Brussels", "2026-11", "test")))
			.id());
	}

	/** Assigns a client to a therapist, as an admin would. */
	public void assign(UserId client, UserId therapist) {
		SystemAuthentication.run(() -> this.accounts.assign(client.value(), therapist.value(), "test-admin"));
	}

	/** Disables an account, as an admin would; its tokens are then refused. */
	public void disable(UserId user) {
		SystemAuthentication.run(() -> this.accounts.setDisabled(user.value(), true));
	}

	/** A valid access token for a new account with these roles. */
	public String tokenFor(Role... roles) {
		return tokenFor(account(roles), roles);
	}

	public String tokenFor(UserId user, Role... roles) {
		return sign(user, (claims) -> claims.claim("roles", Arrays.stream(roles).map(Role::name).toList()));
	}

	/** A token for this user whose claims the caller may change after the defaults. */
	public String sign(UserId user, Consumer<JwtClaimsSet.Builder> customizer) {
		return sign(user, customizer, (header) -> {
		});
	}

	/** A token whose claims and JOSE header the caller may change after the defaults. */
	public String sign(UserId user, Consumer<JwtClaimsSet.Builder> customizer, Consumer<JwsHeader.Builder> headers) {
		Instant now = Instant.now();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(this.settings.issuerUrl())
			.subject(user.value())
			.audience(List.of(this.settings.webClient().clientId()))
			.issuedAt(now)
			.notBefore(now)
			.expiresAt(now.plus(Duration.ofMinutes(5)));
		customizer.accept(claims);
		JwsHeader.Builder header = JwsHeader.with(SignatureAlgorithm.RS256)
			.type(BuiltInAuthorizationServer.ACCESS_TOKEN_TYPE)
			.keyId(this.keys.signingKey().getKeyID());
		headers.accept(header);
		return new NimbusJwtEncoder(this.keys).encode(JwtEncoderParameters.from(header.build(), claims.build()))
			.getTokenValue();
	}

}
