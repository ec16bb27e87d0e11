package be.cocon.identity;

import java.util.Collection;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a valid JWT into the request's authentication: roles from the token, and a
 * refusal when the account no longer exists or was disabled after the token was issued
 * (one {@code _id} read).
 */
class AccountStatusCheck implements Converter<Jwt, AbstractAuthenticationToken> {

	private final Converter<Jwt, Collection<GrantedAuthority>> roles;

	private final AccountLookup accounts;

	AccountStatusCheck(Converter<Jwt, Collection<GrantedAuthority>> roles, AccountLookup accounts) {
		this.roles = roles;
		this.accounts = accounts;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		UserDocument account = this.accounts.accountFor(jwt);
		if (account == null || account.disabledAt() != null) {
			throw new DisabledException("This account is disabled or no longer exists.");
		}
		Collection<GrantedAuthority> authorities = this.roles.convert(jwt);
		return new JwtAuthenticationToken(jwt, authorities, account.id());
	}

	/**
	 * Finds (or, for an external identity provider, provisions) the account of a token.
	 */
	interface AccountLookup {

		@org.jspecify.annotations.Nullable
		UserDocument accountFor(Jwt jwt);

	}

}
