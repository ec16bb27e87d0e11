package be.cocon.notification;

import java.util.Base64;

import com.interaso.webpush.VapidKeys;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The server's VAPID key pair: from the configuration, or, when none is configured
 * (embedded dev mode), made once and kept in the store, so subscriptions (which are bound
 * to the public key) survive a restart and every instance uses the same pair.
 */
@Component
class VapidKeyring {

	static final String COLLECTION = "push_keys";

	private static final String ID = "vapid";

	private static final Logger log = LoggerFactory.getLogger(VapidKeyring.class);

	private final MongoTemplate mongo;

	private final PushSettings settings;

	private volatile VapidKeys keys;

	VapidKeyring(MongoTemplate mongo, PushSettings settings) {
		this.mongo = mongo;
		this.settings = settings;
	}

	VapidKeys keys() {
		VapidKeys current = this.keys;
		if (current == null) {
			synchronized (this) {
				if (this.keys == null) {
					this.keys = load();
				}
				current = this.keys;
			}
		}
		return current;
	}

	/** The public key as the browser's {@code applicationServerKey} wants it. */
	String publicKey() {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(keys().getApplicationServerKey());
	}

	private VapidKeys load() {
		if (this.settings.hasConfiguredKeys()) {
			return VapidKeys.fromUncompressedBytes(this.settings.vapidPublicKey(), this.settings.vapidPrivateKey());
		}
		Document stored = this.mongo.findById(ID, Document.class, COLLECTION);
		if (stored == null) {
			VapidKeys made = VapidKeys.generate();
			try {
				this.mongo.insert(new Document("_id", ID).append("publicKey", made.getX509PublicKey())
					.append("privateKey", made.getPkcs8PrivateKey()), COLLECTION);
				log.info("Web Push: no VAPID keys configured; made a key pair and kept it in the store");
				return made;
			}
			catch (DuplicateKeyException ex) {
				// another instance made one at the same moment: use theirs
				stored = this.mongo.findById(ID, Document.class, COLLECTION);
			}
		}
		return VapidKeys.create(stored.getString("publicKey"), stored.getString("privateKey"));
	}

}
