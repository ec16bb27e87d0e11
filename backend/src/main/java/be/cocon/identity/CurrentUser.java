package be.cocon.identity;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;

/** Reads the signed-in user from a request's authentication. */
public final class CurrentUser {

	private CurrentUser() {
	}

	public static UserId id(Authentication authentication) {
		if (authentication.getPrincipal() instanceof Jwt jwt && jwt.getSubject() != null) {
			return new UserId(jwt.getSubject());
		}
		return new UserId(authentication.getName());
	}

	public static boolean hasRole(Authentication authentication, Role role) {
		return authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> role.authority().equals(authority.getAuthority()));
	}

}
