package be.cocon.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bson.Document;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.authentication.LockedException;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per address in the store (so every instance sees
 * them) and locks either for a while after too many. Keys are computable {@code _id}s.
 */
@Component
class LoginThrottle {

	static final String COLLECTION = "login_throttle";

	private final MongoTemplate mongo;

	private final IdentitySettings.Login settings;

	private final Clock clock;

	LoginThrottle(MongoTemplate mongo, IdentitySettings settings, Clock clock) {
		this.mongo = mongo;
		this.settings = settings.login();
		this.clock = clock;
	}

	/**
	 * @throws LockedException while the account or the address is locked
	 */
	void checkAllowed(String username, String address) {
		Instant now = this.clock.instant();
		for (String key : new String[] { accountKey(username), addressKey(address) }) {
			Document doc = this.mongo.findById(key, Document.class, COLLECTION);
			Date lockedUntil = (doc != null) ? doc.getDate("lockedUntil") : null;
			if (lockedUntil != null && lockedUntil.toInstant().isAfter(now)) {
				long minutes = Math.max(1, Duration.between(now, lockedUntil.toInstant()).toMinutes() + 1);
				throw new LockedException("Too many failed sign-ins; try again in " + minutes + " minutes.");
			}
		}
	}

	void recordFailure(String username, String address) {
		count(accountKey(username), this.settings.maxFailures());
		count(addressKey(address), this.settings.maxFailuresPerAddress());
	}

	void recordSuccess(String username) {
		this.mongo.remove(Query.query(Criteria.where("_id").is(accountKey(username))), COLLECTION);
	}

	/**
	 * Deletes entries with no failure and no lock within the last lock duration; returns
	 * how many.
	 */
	long purgeExpired(Instant now) {
		Criteria expired = new Criteria().orOperator(Criteria.where("expiresAt").lt(Date.from(now)),
				Criteria.where("expiresAt").exists(false));
		return this.mongo.remove(Query.query(expired), COLLECTION).getDeletedCount();
	}

	private void count(String key, int max) {
		Query byKey = Query.query(Criteria.where("_id").is(key));
		Instant now = this.clock.instant();
		// a count is forgotten (purged) after a lock duration without failures
		Document doc = this.mongo.findAndModify(byKey,
				new Update().inc("failures", 1).set("expiresAt", Date.from(now.plus(this.settings.lockDuration()))),
				FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION);
		if (doc != null && doc.getInteger("failures", 0) >= max) {
			Instant until = now.plus(this.settings.lockDuration());
			this.mongo.updateFirst(byKey,
					new Update().set("failures", 0)
						.set("lockedUntil", Date.from(until))
						.set("expiresAt", Date.from(until)),
					COLLECTION);
		}
	}

	private static String accountKey(String username) {
		return "account:" + UserDocument.keyOf(username);
	}

	private static String addressKey(String address) {
		return "address:" + address;
	}

}
