package be.cocon.identity;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the identity module ({@code cocon.identity.*}). Defaults work for one
 * instance on http://localhost:8080; passwords only ever come from the environment.
 *
 * @param issuer public base URL of this app; the issuer of the built-in server's tokens
 * @param webClient the browser app as an OAuth2 public client
 * @param accessTokenTtl lifetime of access tokens
 * @param refreshTokenTtl lifetime of refresh tokens (rotated at every use)
 * @param minimumAge minimum age a client confirms at sign-up
 * @param houseRulesVersion version of the house rules a client accepts at sign-up
 * @param passwordMinLength minimum password length
 * @param login failed-login throttling
 * @param signupsPerAddressPerHour sign-ups allowed from one address in an hour
 * @param keys JWT signing key rotation
 * @param external an external identity provider; when its issuer is set, the built-in
 * authorization server is off
 * @param bootstrapAdmin the first admin, created once when no admin exists
 * @param demo demo accounts
 * @param purgeEvery how often expired authorizations, token lookups and sign-in
 * throttling entries are deleted (one instance at a time)
 */
@ConfigurationProperties("cocon.identity")
record IdentitySettings(@DefaultValue("http://localhost:8080") URI issuer, @DefaultValue WebClient webClient,
		@DefaultValue("10m") Duration accessTokenTtl, @DefaultValue("8h") Duration refreshTokenTtl,
		@DefaultValue("12") int minimumAge, @DefaultValue("2026-11") String houseRulesVersion,
		@DefaultValue("10") int passwordMinLength, @DefaultValue Login login,
		@DefaultValue("5") int signupsPerAddressPerHour, @DefaultValue Keys keys, @DefaultValue External external,
		@DefaultValue BootstrapAdmin bootstrapAdmin, @DefaultValue Demo demo, @DefaultValue("1h") Duration purgeEvery) {

	/**
	 * @param clientId OAuth2 client id of the browser app
	 * @param redirectUris allowed redirect URIs; empty means
	 * {@code <issuer>/auth/callback}
	 * @param allowedOrigins origins allowed to call the token endpoint and the API from a
	 * browser besides the issuer's own (e.g. the Vite dev server)
	 */
	record WebClient(@DefaultValue("cocon-web") String clientId, @DefaultValue List<String> redirectUris,
			@DefaultValue("http://localhost:5173") List<String> allowedOrigins) {
	}

	/**
	 * @param maxFailures failed sign-ins on one account before it is locked
	 * @param maxFailuresPerAddress failed sign-ins from one address before it is locked
	 * @param lockDuration how long a lock lasts
	 */
	record Login(@DefaultValue("5") int maxFailures, @DefaultValue("20") int maxFailuresPerAddress,
			@DefaultValue("15m") Duration lockDuration) {
	}

	/**
	 * @param rotateAfter a new signing key is made when the newest is older than this
	 * @param retireAfter an old key still verifies tokens this long after a newer key
	 * took over; longer than the access token lifetime, so nobody is logged out by a
	 * rotation
	 */
	record Keys(@DefaultValue("30d") Duration rotateAfter, @DefaultValue("1d") Duration retireAfter) {
	}

	/**
	 * @param issuerUri issuer of the external IdP (e.g. a Keycloak realm); null keeps the
	 * built-in server
	 * @param audience required audience of its tokens; null skips the audience check
	 * @param rolesClaim claim path holding the roles, dot-separated (Keycloak:
	 * {@code realm_access.roles})
	 * @param roleMapping IdP role name to Cocon role
	 * @param usernameClaim claim with the username
	 */
	record External(@Nullable URI issuerUri, @Nullable String audience,
			@DefaultValue("realm_access.roles") String rolesClaim, @DefaultValue Map<String, Role> roleMapping,
			@DefaultValue("preferred_username") String usernameClaim) {

		boolean enabled() {
			return this.issuerUri != null;
		}

	}

	/**
	 * @param username username of the first admin
	 * @param password its password (from the environment); empty prints a one-time
	 * password
	 */
	record BootstrapAdmin(@DefaultValue("admin") String username, @Nullable String password) {
	}

	/**
	 * @param enabled seed demo accounts; unset means "only on the embedded store"
	 * @param password password of every demo account
	 */
	record Demo(@Nullable Boolean enabled, @DefaultValue("cocon-demo-2026") String password) {
	}

	List<String> redirectUris() {
		if (!this.webClient.redirectUris().isEmpty()) {
			return this.webClient.redirectUris();
		}
		return List.of(issuerUrl() + "/auth/callback");
	}

	String issuerUrl() {
		String url = this.issuer.toString();
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
