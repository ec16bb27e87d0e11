package be.cocon.identity;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * External identity provider mode (Keycloak, Entra ID, ...): tokens come from the
 * configured issuer, roles from a configurable claim through a role mapping, and an
 * account is made on the first request of a new subject. The built-in server is off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${cocon.identity.external.issuer-uri:}' != ''")
class ExternalIdentityProvider {

	@Bean
	JwtDecoder jwtDecoder(IdentitySettings settings) {
		IdentitySettings.External external = settings.external();
		String issuer = String.valueOf(external.issuerUri());
		String audience = external.audience();
		if (audience == null || audience.isBlank()) {
			// without it, any token of the realm (for any client) would be accepted
			throw new IllegalStateException("cocon.identity.external.audience must be set when "
					+ "cocon.identity.external.issuer-uri is: the audience the IdP puts in access tokens for Cocon");
		}
		// resolved on first use, so the app starts even while the IdP is still starting
		return new SupplierJwtDecoder(() -> {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer).build();
			JwtTypeValidator jwtOrAccessToken = new JwtTypeValidator("JWT", "at+jwt");
			jwtOrAccessToken.setAllowEmpty(true);
			decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(new JwtIssuerValidator(issuer),
					jwtOrAccessToken, new AudienceValidator(audience), ExternalIdentityProvider::accessTokenKind));
			return decoder;
		});
	}

	/**
	 * Refuses ID and other non-access tokens of the IdP that carry a {@code typ} claim
	 * (Keycloak: {@code Bearer} for access tokens, {@code ID} for ID tokens).
	 */
	static OAuth2TokenValidatorResult accessTokenKind(Jwt jwt) {
		Object kind = jwt.getClaims().get("typ");
		if (kind == null || "Bearer".equalsIgnoreCase(String.valueOf(kind))) {
			return OAuth2TokenValidatorResult.success();
		}
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
				"Only access tokens are accepted (typ " + kind + ")", null));
	}

	@Bean
	AccountStatusCheck jwtAuthentication(IdentitySettings settings, Users users, Clock clock) {
		IdentitySettings.External external = settings.external();
		return new AccountStatusCheck((jwt) -> authorities(rolesOf(jwt, external)),
				(jwt) -> provision(jwt, external, users, clock));
	}

	static Set<Role> rolesOf(Jwt jwt, IdentitySettings.External external) {
		Set<Role> roles = new LinkedHashSet<>();
		for (String name : claimValues(jwt.getClaims(), external.rolesClaim())) {
			Role mapped = external.roleMapping().get(name);
			if (mapped != null) {
				roles.add(mapped);
			}
			else {
				try {
					roles.add(Role.valueOf(name.toUpperCase(Locale.ROOT)));
				}
				catch (IllegalArgumentException ex) {
					// an IdP role Cocon does not know is ignored
				}
			}
		}
		return roles;
	}

	private static Collection<GrantedAuthority> authorities(Set<Role> roles) {
		return roles.stream().map((role) -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority())).toList();
	}

	/**
	 * The account of the token's subject: made on its first request, with its roles
	 * brought in line with the token's whenever they change at the IdP.
	 */
	private static @Nullable UserDocument provision(Jwt jwt, IdentitySettings.External external, Users users,
			Clock clock) {
		String id = jwt.getSubject();
		Set<Role> roles = rolesOf(jwt, external);
		UserDocument found = users.findById(id).orElse(null);
		if (found != null) {
			if (!found.roles().equals(roles)) {
				users.setRoles(id, roles);
				return users.findById(id).orElse(null);
			}
			return found;
		}
		String username = String.valueOf(jwt.getClaims().getOrDefault(external.usernameClaim(), id));
		String pseudonym = String.valueOf(jwt.getClaims().getOrDefault("name", username));
		for (String candidate : usernameCandidates(username, id)) {
			UserDocument user = new UserDocument(id, candidate, UserDocument.keyOf(candidate), pseudonym, null, roles,
					AccountService.DEFAULT_LOCALE, AccountService.DEFAULT_TIMEZONE, clock.instant(), null, null, null,
					null, null, null, List.of(), "external", 0);
			try {
				return users.insert(user);
			}
			catch (UsernameTakenException ex) {
				UserDocument raced = users.findById(id).orElse(null);
				if (raced != null) {
					return raced;
				}
				// another subject has this username (renamed or recreated at the IdP)
			}
		}
		return null;
	}

	/**
	 * The IdP's username, then suffixed with the start of the subject, then with all of
	 * it: two subjects with the same username both get an account.
	 */
	static List<String> usernameCandidates(String username, String subject) {
		String tail = subject.replaceAll("[^A-Za-z0-9]", "");
		return List.of(username, username + "-" + tail.substring(0, Math.min(8, tail.length())),
				username + "-" + subject);
	}

	@SuppressWarnings("unchecked")
	private static List<String> claimValues(Map<String, Object> claims, String path) {
		Object current = claims;
		for (String part : path.split("\\.")) {
			if (!(current instanceof Map<?, ?> map)) {
				return List.of();
			}
			current = ((Map<String, Object>) map).get(part);
		}
		if (current instanceof Collection<?> values) {
			return values.stream().map(String::valueOf).toList();
		}
		return (current != null) ? List.of(String.valueOf(current)) : List.of();
	}

}
