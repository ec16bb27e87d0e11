package be.cocon.identity;

import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Refresh tokens for the browser app, a public client. Spring Authorization Server gives
 * public clients none by default; here the web client gets one that is rotated at every
 * use (never reused) and lives only {@code refreshTokenTtl}, and a refresh request from a
 * public client is accepted with its {@code client_id} alone, as the code exchange is
 * with PKCE.
 */
final class PublicClientRefresh {

	private PublicClientRefresh() {
	}

	/**
	 * Recognises {@code grant_type=refresh_token} with a {@code client_id} and no secret.
	 */
	static final class Converter implements AuthenticationConverter {

		@Override
		public @Nullable Authentication convert(HttpServletRequest request) {
			if (!AuthorizationGrantType.REFRESH_TOKEN.getValue()
				.equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
				return null;
			}
			String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
			if (clientId == null || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
					|| request.getHeader("Authorization") != null) {
				return null;
			}
			Map<String, Object> parameters = new HashMap<>();
			request.getParameterMap().forEach((name, values) -> {
				if (!OAuth2ParameterNames.CLIENT_ID.equals(name) && values.length > 0) {
					parameters.put(name, values[0]);
				}
			});
			return new OAuth2ClientAuthenticationToken(clientId, ClientAuthenticationMethod.NONE, null, parameters);
		}

	}

	/** Authenticates such a request when the client is public and may refresh. */
	static final class Provider implements AuthenticationProvider {

		private final RegisteredClientRepository clients;

		Provider(RegisteredClientRepository clients) {
			this.clients = clients;
		}

		@Override
		public @Nullable Authentication authenticate(Authentication authentication) {
			OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
			if (!ClientAuthenticationMethod.NONE.equals(request.getClientAuthenticationMethod())
					|| !AuthorizationGrantType.REFRESH_TOKEN.getValue()
						.equals(request.getAdditionalParameters().get(OAuth2ParameterNames.GRANT_TYPE))) {
				return null;
			}
			RegisteredClient client = this.clients.findByClientId(String.valueOf(request.getPrincipal()));
			if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
					|| !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
				throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
			}
			return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
		}

	}

	/**
	 * Issues refresh tokens also to public clients that are allowed the refresh grant.
	 */
	static final class RefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {

		private final StringKeyGenerator values = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(),
				96);

		@Override
		public @Nullable OAuth2RefreshToken generate(OAuth2TokenContext context) {
			RegisteredClient client = context.getRegisteredClient();
			if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())
					|| !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
				return null;
			}
			Instant issuedAt = Instant.now();
			Instant expiresAt = issuedAt.plus(client.getTokenSettings().getRefreshTokenTimeToLive());
			return new OAuth2RefreshToken(this.values.generateKey(), issuedAt, expiresAt);
		}

	}

}
