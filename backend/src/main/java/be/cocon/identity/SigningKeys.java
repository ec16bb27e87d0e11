package be.cocon.identity;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The RSA keys that sign and verify JWTs, kept in the store so tokens survive a restart
 * and every instance shares them. A new key is made when the newest is older than
 * {@code rotateAfter}; the older key keeps verifying for {@code retireAfter}, so a
 * rotation logs nobody out. Every instance re-reads the keys once a minute, and sooner
 * (at most every five seconds) when a token names a key it does not know.
 */
class SigningKeys implements JWKSource<SecurityContext> {

	static final String COLLECTION = "signing_keys";

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	private static final Duration RELOAD_AFTER = Duration.ofMinutes(1);

	private static final Duration RELOAD_FOR_UNKNOWN_KEY_AFTER = Duration.ofSeconds(5);

	private final MongoTemplate mongo;

	private final IdentitySettings.Keys settings;

	private final Clock clock;

	private volatile Loaded loaded = new Loaded(List.of(), Instant.EPOCH);

	private final String collection;

	SigningKeys(MongoTemplate mongo, IdentitySettings.Keys settings, Clock clock) {
		this(mongo, settings, clock, COLLECTION);
	}

	SigningKeys(MongoTemplate mongo, IdentitySettings.Keys settings, Clock clock, String collection) {
		this.mongo = mongo;
		this.settings = settings;
		this.clock = clock;
		this.collection = collection;
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		Instant now = this.clock.instant();
		List<JWK> found = selector.select(new JWKSet(current().usable(now, this.settings.retireAfter())));
		if (found.isEmpty() && asksForKeyId(selector)
				&& !this.loaded.at().plus(RELOAD_FOR_UNKNOWN_KEY_AFTER).isAfter(now)) {
			// another instance may just have rotated: look again rather than refuse
			// its tokens for up to a minute (at most every few seconds, so tokens with
			// made-up key ids cannot hammer the store)
			found = selector.select(new JWKSet(reload().usable(now, this.settings.retireAfter())));
		}
		return found;
	}

	private static boolean asksForKeyId(JWKSelector selector) {
		return selector.getMatcher().getKeyIDs() != null && !selector.getMatcher().getKeyIDs().isEmpty();
	}

	/** The key new tokens are signed with. */
	RSAKey signingKey() {
		List<StoredKey> keys = current().keys();
		return keys.get(0).key();
	}

	/** Makes a new signing key now; older keys keep verifying for {@code retireAfter}. */
	synchronized RSAKey rotate() {
		StoredKey created = generate();
		reload();
		return created.key();
	}

	private Loaded current() {
		Loaded snapshot = this.loaded;
		if (snapshot.keys().isEmpty() || snapshot.at().plus(RELOAD_AFTER).isBefore(this.clock.instant())) {
			return reload();
		}
		return snapshot;
	}

	private synchronized Loaded reload() {
		List<StoredKey> keys = read();
		Instant now = this.clock.instant();
		if (keys.isEmpty() || keys.get(0).createdAt().plus(this.settings.rotateAfter()).isBefore(now)) {
			generate();
			keys = read();
		}
		this.loaded = new Loaded(keys, now);
		return this.loaded;
	}

	private List<StoredKey> read() {
		List<StoredKey> keys = new ArrayList<>();
		for (Document doc : this.mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "createdAt")), Document.class,
				this.collection)) {
			keys.add(StoredKey.of(doc));
		}
		keys.sort(Comparator.comparing(StoredKey::createdAt).reversed());
		return keys;
	}

	private StoredKey generate() {
		Instant now = this.clock.instant();
		try {
			RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
				.keyID(UUID.randomUUID().toString())
				.issueTime(Date.from(now))
				.generate();
			this.mongo.insert(new Document("_id", key.getKeyID()).append("jwk", key.toJSONString())
				.append("createdAt", Date.from(now)), this.collection);
			log.info("Identity: new JWT signing key {}", key.getKeyID());
			return new StoredKey(key, now);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate a JWT signing key", ex);
		}
	}

	/** Keys sorted newest first, and when they were read. */
	private record Loaded(List<StoredKey> keys, Instant at) {

		/**
		 * The newest key, and each older one until {@code retireAfter} past its
		 * successor.
		 */
		List<JWK> usable(Instant now, Duration retireAfter) {
			List<JWK> usable = new ArrayList<>();
			for (int i = 0; i < this.keys.size(); i++) {
				boolean newest = i == 0;
				if (newest || this.keys.get(i - 1).createdAt().plus(retireAfter).isAfter(now)) {
					usable.add(this.keys.get(i).key());
				}
			}
			return usable;
		}

	}

	private record StoredKey(RSAKey key, Instant createdAt) {

		static StoredKey of(Document doc) {
			try {
				return new StoredKey(RSAKey.parse(doc.getString("jwk")), doc.getDate("createdAt").toInstant());
			}
			catch (ParseException ex) {
				throw new IllegalStateException("Stored signing key " + doc.get("_id") + " cannot be read", ex);
			}
		}

	}

}
