package be.cocon.identity;

import java.time.Clock;
import java.time.Instant;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.stereotype.Component;

/**
 * Deletes what the sign-in machinery leaves behind once it has expired: authorizations
 * and their token lookups (built-in server only) and sign-in throttling entries. Without
 * it these collections grow with every sign-in.
 */
@Component
class IdentityPurge {

	private static final Logger log = LoggerFactory.getLogger(IdentityPurge.class);

	private final ObjectProvider<OAuth2AuthorizationService> authorizations;

	private final LoginThrottle throttle;

	private final Clock clock;

	IdentityPurge(ObjectProvider<OAuth2AuthorizationService> authorizations, LoginThrottle throttle, Clock clock) {
		this.authorizations = authorizations;
		this.throttle = throttle;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${cocon.identity.purge-every:1h}",
			initialDelayString = "${cocon.identity.purge-every:1h}")
	@SchedulerLock(name = "identity.purge", lockAtMostFor = "PT10M")
	void scheduled() {
		purge();
	}

	/**
	 * @return how many authorizations and throttling entries were deleted
	 */
	long purge() {
		Instant now = this.clock.instant();
		long removed = 0;
		if (this.authorizations.getIfAvailable() instanceof MongoAuthorizationService stored) {
			removed += stored.purgeExpired(now);
		}
		removed += this.throttle.purgeExpired(now);
		if (removed > 0) {
			log.info("Identity: purged {} expired authorizations and sign-in throttling entries", removed);
		}
		return removed;
	}

}
