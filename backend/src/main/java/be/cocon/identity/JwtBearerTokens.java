package be.cocon.identity;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.stereotype.Component;

@Component
class JwtBearerTokens implements BearerTokens {

	private final JwtAuthenticationProvider provider;

	JwtBearerTokens(JwtDecoder decoder, AccountStatusCheck accounts) {
		this.provider = new JwtAuthenticationProvider(decoder);
		this.provider.setJwtAuthenticationConverter(accounts);
	}

	@Override
	public Authentication authenticate(String token) {
		return this.provider.authenticate(new BearerTokenAuthenticationToken(token));
	}

}
