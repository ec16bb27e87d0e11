package be.cocon.identity;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Authenticates a bearer token exactly as the REST API does (signature, issuer, audience,
 * lifetime, account not disabled), for channels that are not HTTP requests, such as the
 * STOMP CONNECT frame.
 */
public interface BearerTokens {

	/**
	 * @throws AuthenticationException when the token is not acceptable
	 */
	Authentication authenticate(String token);

}
