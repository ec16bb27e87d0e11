package be.cocon.privacy;

import java.time.Clock;
import java.time.Duration;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finishes erasures that stopped halfway (the instance died, the store was away): the
 * account is already suspended, so the client cannot ask again. Every step of an erasure
 * is safe to repeat. One instance at a time.
 */
@Component
class ErasureResumption {

	private static final Logger log = LoggerFactory.getLogger(ErasureResumption.class);

	/** An erasure younger than this may still be running in its request. */
	static final Duration GRACE = Duration.ofMinutes(2);

	private final ClientRights rights;

	private final Clock clock;

	ErasureResumption(ClientRights rights, Clock clock) {
		this.rights = rights;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${cocon.privacy.erasure.resume-every:5m}",
			initialDelayString = "${cocon.privacy.erasure.resume-every:5m}")
	@SchedulerLock(name = "privacy.erasure-resume", lockAtMostFor = "PT10M")
	void run() {
		try {
			int finished = this.rights.resume(this.clock.instant().minus(GRACE));
			if (finished > 0) {
				log.warn("Privacy: finished {} erasures that had stopped halfway", finished);
			}
		}
		catch (RuntimeException ex) {
			log.error("Privacy: could not finish an erasure that stopped halfway; will try again", ex);
		}
	}

}
