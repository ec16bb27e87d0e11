package be.cocon.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduled purge deletes expired sign-in leftovers and keeps live ones. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class IdentityPurgeTests {

	@Autowired
	IdentityPurge purge;

	@Autowired
	LoginThrottle throttle;

	@Autowired
	MongoTemplate mongo;

	@Test
	void expiredEntriesAreRemovedAndLiveOnesKept() {
		Instant now = Instant.now();
		String expired = "expired-" + UUID.randomUUID();
		String live = "live-" + UUID.randomUUID();
		for (String collection : new String[] { MongoAuthorizationService.COLLECTION, MongoAuthorizationService.LOOKUP,
				LoginThrottle.COLLECTION }) {
			insert(collection, expired, now.minus(Duration.ofMinutes(1)));
			insert(collection, live, now.plus(Duration.ofHours(1)));
		}

		assertThat(this.purge.purge()).isGreaterThanOrEqualTo(2);

		for (String collection : new String[] { MongoAuthorizationService.COLLECTION, MongoAuthorizationService.LOOKUP,
				LoginThrottle.COLLECTION }) {
			assertThat(this.mongo.findById(expired, Document.class, collection)).as(collection).isNull();
			assertThat(this.mongo.findById(live, Document.class, collection)).as(collection).isNotNull();
		}
	}

	@Test
	void failedSignInsExpireAfterTheLockDuration() {
		LoginThrottle throttle = this.throttle;
		String username = "purge-" + UUID.randomUUID();
		throttle.recordFailure(username, "10.9.9.9");

		assertThat(throttle.purgeExpired(Instant.now())).isZero();
		assertThat(throttle.purgeExpired(Instant.now().plus(Duration.ofMinutes(16)))).isGreaterThanOrEqualTo(1);
		assertThat(this.mongo.findById("account:" + username, Document.class, LoginThrottle.COLLECTION)).isNull();
	}

	private void insert(String collection, String id, Instant expiresAt) {
		this.mongo.insert(new Document("_id", id).append("expiresAt", Date.from(expiresAt)), collection);
	}

}
