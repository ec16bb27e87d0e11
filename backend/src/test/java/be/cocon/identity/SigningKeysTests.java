package be.cocon.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SigningKeysTests {

	@Autowired
	MongoTemplate mongo;

	private final JWKSelector all = new JWKSelector(new JWKMatcher.Builder().build());

	@Test
	void rotationKeepsTheOldKeyVerifyingForTheGracePeriodOnly() {
		MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
		IdentitySettings.Keys settings = new IdentitySettings.Keys(Duration.ofDays(30), Duration.ofDays(1));
		String collection = "signing_keys_" + System.nanoTime();
		SigningKeys keys = new SigningKeys(this.mongo, settings, clock, collection);
		String first = keys.signingKey().getKeyID();
		clock.advance(Duration.ofMinutes(1));

		String second = keys.rotate().getKeyID();

		assertThat(keys.signingKey().getKeyID()).isEqualTo(second);
		assertThat(ids(keys)).containsExactlyInAnyOrder(first, second);
		clock.advance(Duration.ofDays(2));
		assertThat(ids(keys)).containsExactly(second);
	}

	@Test
	void aNewKeyIsMadeWhenTheNewestIsTooOld() {
		MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
		IdentitySettings.Keys settings = new IdentitySettings.Keys(Duration.ofDays(30), Duration.ofDays(1));
		String collection = "signing_keys_" + System.nanoTime();
		SigningKeys keys = new SigningKeys(this.mongo, settings, clock, collection);
		String first = keys.signingKey().getKeyID();

		clock.advance(Duration.ofDays(31));

		assertThat(keys.signingKey().getKeyID()).isNotEqualTo(first);
		SigningKeys otherInstance = new SigningKeys(this.mongo, settings, clock, collection);
		assertThat(otherInstance.signingKey().getKeyID()).isEqualTo(keys.signingKey().getKeyID());
	}

	@Test
	void anotherInstanceLooksAgainWhenATokenNamesAKeyItDoesNotKnow() {
		MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
		IdentitySettings.Keys settings = new IdentitySettings.Keys(Duration.ofDays(30), Duration.ofDays(1));
		String collection = "signing_keys_" + System.nanoTime();
		SigningKeys rotating = new SigningKeys(this.mongo, settings, clock, collection);
		SigningKeys other = new SigningKeys(this.mongo, settings, clock, collection);
		String first = other.signingKey().getKeyID();
		clock.advance(Duration.ofSeconds(10));

		String second = rotating.rotate().getKeyID();

		assertThat(ids(other, second)).containsExactly(second);
		assertThat(ids(other, first)).containsExactly(first);
		String third = rotating.rotate().getKeyID();
		assertThat(ids(other, third)).as("at most one look every few seconds").isEmpty();
		clock.advance(Duration.ofSeconds(5));
		assertThat(ids(other, third)).containsExactly(third);
	}

	private List<String> ids(SigningKeys keys, String keyId) {
		JWKSelector byId = new JWKSelector(new JWKMatcher.Builder().keyID(keyId).build());
		return keys.get(byId, null).stream().map(JWK::getKeyID).toList();
	}

	private List<String> ids(SigningKeys keys) {
		return keys.get(this.all, null).stream().map(JWK::getKeyID).toList();
	}

	static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
