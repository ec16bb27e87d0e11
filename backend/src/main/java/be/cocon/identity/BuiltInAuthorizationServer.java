package be.cocon.identity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The built-in OAuth2/OIDC authorization server (Spring Authorization Server): the
 * browser app signs in with authorization code + PKCE as a public client and gets JWTs
 * signed with the stored keys. Off when an external identity provider is configured.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${cocon.identity.external.issuer-uri:}' == ''")
class BuiltInAuthorizationServer {

	/** Claim with the account's roles (without the ROLE_ prefix). */
	static final String ROLES_CLAIM = "roles";

	/** JOSE header {@code typ} of access tokens (RFC 9068); ID tokens have none. */
	static final String ACCESS_TOKEN_TYPE = "at+jwt";

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@Order(1)
	SecurityFilterChain authorizationServerChain(HttpSecurity http, RegisteredClientRepository clients,
			OAuth2AuthorizationService authorizations, OAuth2TokenGenerator<?> tokens) throws Exception {
		http.oauth2AuthorizationServer((server) -> {
			http.securityMatcher(server.getEndpointsMatcher());
			server.oidc(Customizer.withDefaults())
				.authorizationService(authorizations)
				.tokenGenerator(tokens)
				.clientAuthentication((client) -> client.authenticationConverter(new PublicClientRefresh.Converter())
					.authenticationProvider(new PublicClientRefresh.Provider(clients)));
		})
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.cors(Customizer.withDefaults())
			.oauth2ResourceServer((resource) -> resource.jwt(Customizer.withDefaults()))
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
		return http.build();
	}

	@Bean
	RegisteredClientRepository registeredClients(IdentitySettings settings) {
		List<String> origins = new ArrayList<>(settings.webClient().allowedOrigins());
		origins.add(settings.issuerUrl());
		RegisteredClient web = RegisteredClient.withId(settings.webClient().clientId())
			.clientId(settings.webClient().clientId())
			.clientName("Cocon web app")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris((uris) -> uris.addAll(settings.redirectUris()))
			.postLogoutRedirectUris((uris) -> origins.forEach((origin) -> uris.add(origin + "/")))
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenTimeToLive(settings.accessTokenTtl())
				.refreshTokenTimeToLive(settings.refreshTokenTtl())
				.reuseRefreshTokens(false)
				.idTokenSignatureAlgorithm(SignatureAlgorithm.RS256)
				.build())
			.build();
		return new InMemoryRegisteredClientRepository(web);
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(IdentitySettings settings) {
		return AuthorizationServerSettings.builder().issuer(settings.issuerUrl()).build();
	}

	@Bean
	SigningKeys signingKeys(MongoTemplate mongo, IdentitySettings settings, Clock clock) {
		return new SigningKeys(mongo, settings.keys(), clock);
	}

	@Bean
	OAuth2AuthorizationService authorizationService(MongoTemplate mongo, RegisteredClientRepository clients) {
		return new MongoAuthorizationService(mongo, clients);
	}

	@Bean
	OAuth2TokenGenerator<?> tokenGenerator(SigningKeys keys, OAuth2TokenCustomizer<JwtEncodingContext> customizer) {
		JwtGenerator jwt = new JwtGenerator(new NimbusJwtEncoder(keys));
		jwt.setJwtCustomizer(customizer);
		return new DelegatingOAuth2TokenGenerator(jwt, new PublicClientRefresh.RefreshTokens());
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> tokenCustomizer(SigningKeys keys, Users users) {
		return (context) -> {
			context.getJwsHeader().keyId(keys.signingKey().getKeyID());
			UserDocument account = users.findById(context.getPrincipal().getName())
				.filter((found) -> found.disabledAt() == null)
				.orElseThrow(() -> new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT));
			if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
				// only access tokens are marked and carry roles: an ID token has the same
				// issuer and audience, and must never pass as an API token
				context.getJwsHeader().type(ACCESS_TOKEN_TYPE);
				// a mutable list: stored token metadata only reads back allow-listed
				// collection types
				List<String> roles = new ArrayList<>(account.roles().stream().map(Role::name).sorted().toList());
				context.getClaims().claim(ROLES_CLAIM, roles);
			}
			context.getClaims()
				.claim("preferred_username", account.username())
				.claim("name", account.pseudonym())
				.claim("locale", account.locale());
		};
	}

	/**
	 * Accepts only access tokens of this server: signed with a stored key, from this
	 * issuer, for the web client, within their lifetime and typed {@code at+jwt} (RFC
	 * 9068), which ID tokens are not.
	 */
	@Bean
	JwtDecoder jwtDecoder(SigningKeys keys, IdentitySettings settings) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(new JwtIssuerValidator(settings.issuerUrl()),
				new JwtTypeValidator(ACCESS_TOKEN_TYPE), new AudienceValidator(settings.webClient().clientId())));
		return decoder;
	}

	@Bean
	AccountStatusCheck jwtAuthentication(Users users) {
		return new AccountStatusCheck(BuiltInAuthorizationServer::rolesOf,
				(jwt) -> users.findById(jwt.getSubject()).orElse(null));
	}

	static Collection<GrantedAuthority> rolesOf(org.springframework.security.oauth2.jwt.Jwt jwt) {
		List<String> roles = jwt.getClaimAsStringList(ROLES_CLAIM);
		if (roles == null) {
			return List.of();
		}
		Set<String> known = Set.of(Role.values()).stream().map(Role::name).collect(Collectors.toSet());
		return roles.stream()
			.filter(known::contains)
			.map((role) -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role))
			.toList();
	}

}
