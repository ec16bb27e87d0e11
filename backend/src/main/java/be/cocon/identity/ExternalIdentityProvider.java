package be.cocon.identity;

import java.time.Clock;
import java.util.ArrayList;
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
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
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
		// resolved on first use, so the app starts even while the IdP is still starting
		return new SupplierJwtDecoder(() -> {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer).build();
			List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
			validators.add(JwtValidators.createDefaultWithIssuer(issuer));
			if (external.audience() != null) {
				validators.add(new AudienceValidator(external.audience()));
			}
			decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
			return decoder;
		});
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

	private static @Nullable UserDocument provision(Jwt jwt, IdentitySettings.External external, Users users,
			Clock clock) {
		String id = jwt.getSubject();
		return users.findById(id).orElseGet(() -> {
			String username = String.valueOf(jwt.getClaims().getOrDefault(external.usernameClaim(), id));
			String pseudonym = String.valueOf(jwt.getClaims().getOrDefault("name", username));
			UserDocument user = new UserDocument(id, username, UserDocument.keyOf(username), pseudonym, null,
					rolesOf(jwt, external), AccountService.DEFAULT_LOCALE, AccountService.DEFAULT_TIMEZONE,
					clock.instant(), null, null, null, null, null, List.of(), "external", 0);
			try {
				return users.insert(user);
			}
			catch (UsernameTakenException ex) {
				return users.findById(id).orElse(null);
			}
		});
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
