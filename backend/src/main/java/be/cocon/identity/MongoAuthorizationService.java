package be.cocon.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.jackson.OAuth2AuthorizationServerJacksonModule;

/**
 * OAuth2 authorizations (codes, access and refresh tokens) in the store, so sign-ins and
 * refresh tokens survive a restart and work across instances. Each token value is also
 * filed under {@code _id = kind + ":" + sha256(value)} in a small lookup collection, so
 * finding an authorization by a token is two {@code _id} reads. A refresh token that was
 * already rotated and is presented again revokes its whole authorization (RFC 9700,
 * 4.14): someone holds a copy, so the newest refresh token is not trusted either.
 */
class MongoAuthorizationService implements OAuth2AuthorizationService {

	private static final Logger log = LoggerFactory.getLogger(MongoAuthorizationService.class);

	static final String COLLECTION = "oauth2_authorizations";

	static final String LOOKUP = "oauth2_token_lookup";

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final Map<String, Class<? extends OAuth2Token>> KINDS = kinds();

	private final MongoTemplate mongo;

	private final RegisteredClientRepository clients;

	private final JsonMapper json;

	MongoAuthorizationService(MongoTemplate mongo, RegisteredClientRepository clients) {
		this.mongo = mongo;
		this.clients = clients;
		ClassLoader loader = MongoAuthorizationService.class.getClassLoader();
		this.json = JsonMapper.builder()
			.addModules(SecurityJacksonModules.getModules(loader))
			.addModule(new OAuth2AuthorizationServerJacksonModule())
			.build();
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		Instant expiresAt = latestExpiry(authorization);
		Document doc = new Document("_id", authorization.getId())
			.append("registeredClientId", authorization.getRegisteredClientId())
			.append("principalName", authorization.getPrincipalName())
			.append("grantType", authorization.getAuthorizationGrantType().getValue())
			.append("scopes", List.copyOf(authorization.getAuthorizedScopes()))
			.append("attributes", this.json.writeValueAsString(authorization.getAttributes()))
			.append("expiresAt", Date.from(expiresAt));
		String state = authorization.getAttribute(OAuth2ParameterNames.STATE);
		if (state != null) {
			doc.append("state", state);
			file("state", state, authorization.getId(), expiresAt);
		}
		Document tokens = new Document();
		KINDS.forEach((kind, type) -> {
			OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type);
			if (token != null) {
				tokens.append(kind, tokenDocument(token));
				file(kind, token.getToken().getTokenValue(), authorization.getId(), expiresAt);
			}
		});
		doc.append("tokens", tokens);
		this.mongo.save(doc, COLLECTION);
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		this.mongo.remove(Query.query(Criteria.where("_id").is(authorization.getId())), COLLECTION);
	}

	@Override
	public @Nullable OAuth2Authorization findById(String id) {
		Document doc = this.mongo.findById(id, Document.class, COLLECTION);
		return (doc != null) ? read(doc) : null;
	}

	@Override
	public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
		List<String> kinds = (tokenType != null) ? List.of(kindOf(tokenType.getValue()))
				: List.of("state", "code", "access_token", "refresh_token", "id_token");
		for (String kind : kinds) {
			Document filed = this.mongo.findById(kind + ":" + sha256(token), Document.class, LOOKUP);
			if (filed == null) {
				continue;
			}
			OAuth2Authorization authorization = findById(filed.getString("authorizationId"));
			// a lookup can outlive its token (refresh tokens rotate): check the value
			// still matches
			if (authorization != null && holds(authorization, kind, token)) {
				return authorization;
			}
			if (authorization != null && "refresh_token".equals(kind)) {
				// a refresh token that was rotated away is used again: revoke the chain
				remove(authorization);
				log.warn("Identity: a used refresh token was presented again; authorization {} revoked",
						authorization.getId());
				return null;
			}
		}
		return null;
	}

	/** Deletes authorizations whose every token has expired; returns how many. */
	long purgeExpired(Instant now) {
		Query expired = Query.query(Criteria.where("expiresAt").lt(Date.from(now)));
		long removed = this.mongo.remove(expired, COLLECTION).getDeletedCount();
		this.mongo.remove(expired, LOOKUP);
		return removed;
	}

	private static String kindOf(String tokenType) {
		return switch (tokenType) {
			case OAuth2ParameterNames.CODE -> "code";
			case OidcParameterNames.ID_TOKEN -> "id_token";
			default -> tokenType;
		};
	}

	private boolean holds(OAuth2Authorization authorization, String kind, String value) {
		if ("state".equals(kind)) {
			return value.equals(authorization.getAttribute(OAuth2ParameterNames.STATE));
		}
		OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(KINDS.get(kind));
		return token != null && value.equals(token.getToken().getTokenValue());
	}

	/** A lookup lives as long as its authorization, so both go in the same purge. */
	private void file(String kind, String value, String authorizationId, Instant expiresAt) {
		this.mongo.save(new Document("_id", kind + ":" + sha256(value)).append("authorizationId", authorizationId)
			.append("expiresAt", Date.from(expiresAt)), LOOKUP);
	}

	private Document tokenDocument(OAuth2Authorization.Token<? extends OAuth2Token> token) {
		OAuth2Token value = token.getToken();
		Document doc = new Document("value", value.getTokenValue())
			.append("issuedAt", (value.getIssuedAt() != null) ? Date.from(value.getIssuedAt()) : null)
			.append("expiresAt", (value.getExpiresAt() != null) ? Date.from(value.getExpiresAt()) : null)
			.append("metadata", this.json.writeValueAsString(token.getMetadata()));
		if (value instanceof OAuth2AccessToken access) {
			doc.append("scopes", List.copyOf(access.getScopes()));
		}
		return doc;
	}

	private OAuth2Authorization read(Document doc) {
		RegisteredClient client = this.clients.findById(doc.getString("registeredClientId"));
		if (client == null) {
			throw new IllegalStateException("Authorization " + doc.get("_id") + " names an unknown client");
		}
		OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(client)
			.id(doc.getString("_id"))
			.principalName(doc.getString("principalName"))
			.authorizationGrantType(new AuthorizationGrantType(doc.getString("grantType")))
			.authorizedScopes(new HashSet<>(doc.getList("scopes", String.class, List.of())));
		Map<String, Object> attributes = this.json.readValue(doc.getString("attributes"), MAP);
		builder.attributes((map) -> map.putAll(attributes));
		Document tokens = doc.get("tokens", Document.class);
		if (tokens != null) {
			KINDS.keySet().forEach((kind) -> addToken(builder, kind, tokens.get(kind, Document.class)));
		}
		return builder.build();
	}

	private void addToken(OAuth2Authorization.Builder builder, String kind, @Nullable Document token) {
		if (token == null) {
			return;
		}
		String value = token.getString("value");
		Instant issuedAt = instant(token.getDate("issuedAt"));
		Instant expiresAt = instant(token.getDate("expiresAt"));
		Map<String, Object> metadata = this.json.readValue(token.getString("metadata"), MAP);
		Consumer<Map<String, Object>> withMetadata = (map) -> map.putAll(metadata);
		switch (kind) {
			case "code" -> builder.token(new OAuth2AuthorizationCode(value, issuedAt, expiresAt), withMetadata);
			case "access_token" ->
				builder.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, issuedAt, expiresAt,
						new HashSet<>(token.getList("scopes", String.class, List.of()))), withMetadata);
			case "refresh_token" -> builder.token(new OAuth2RefreshToken(value, issuedAt, expiresAt), withMetadata);
			case "id_token" ->
				builder.token(new OidcIdToken(value, issuedAt, expiresAt, claims(metadata)), withMetadata);
			default -> throw new IllegalStateException("Unknown token kind " + kind);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> claims(Map<String, Object> metadata) {
		Object claims = metadata.get(OAuth2Authorization.Token.CLAIMS_METADATA_NAME);
		return (claims instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	private static Instant latestExpiry(OAuth2Authorization authorization) {
		Instant latest = Instant.now().plusSeconds(600);
		for (Class<? extends OAuth2Token> type : KINDS.values()) {
			OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type);
			if (token != null && token.getToken().getExpiresAt() != null
					&& token.getToken().getExpiresAt().isAfter(latest)) {
				latest = token.getToken().getExpiresAt();
			}
		}
		return latest;
	}

	private static @Nullable Instant instant(@Nullable Date date) {
		return (date != null) ? date.toInstant() : null;
	}

	static String sha256(String value) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Class<? extends OAuth2Token>> kinds() {
		Map<String, Class<? extends OAuth2Token>> kinds = new LinkedHashMap<>();
		kinds.put("code", OAuth2AuthorizationCode.class);
		kinds.put("access_token", OAuth2AccessToken.class);
		kinds.put("refresh_token", OAuth2RefreshToken.class);
		kinds.put("id_token", OidcIdToken.class);
		return Map.copyOf(kinds);
	}

	/**
	 * Deletes every authorization of this account and the lookups of its tokens, so its
	 * refresh tokens are refused at once; returns how many. A scan: for erasure only.
	 */
	long removeAllOf(String principalName) {
		Query of = Query.query(Criteria.where("principalName").is(principalName));
		List<String> ids = this.mongo.find(of, Document.class, COLLECTION)
			.stream()
			.map((doc) -> doc.getString("_id"))
			.toList();
		if (!ids.isEmpty()) {
			this.mongo.remove(Query.query(Criteria.where("authorizationId").in(ids)), LOOKUP);
		}
		return this.mongo.remove(of, COLLECTION).getDeletedCount();
	}

}
