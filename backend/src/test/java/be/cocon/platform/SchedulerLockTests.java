package be.cocon.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduler lease works on the store the app runs on (here the embedded one). */
@SpringBootTest
class SchedulerLockTests {

	@Autowired
	LockProvider locks;

	@Test
	void aJobLeaseIsHeldByOneAtATimeAndFreeAgainWhenReleased() {
		LockConfiguration job = new LockConfiguration(Instant.now(), "test.job-" + System.nanoTime(),
				Duration.ofMinutes(1), Duration.ZERO);

		Optional<SimpleLock> first = this.locks.lock(job);
		Optional<SimpleLock> second = this.locks.lock(job);
		assertThat(first).isPresent();
		assertThat(second).isEmpty();

		first.get().unlock();
		Optional<SimpleLock> again = this.locks.lock(job);
		assertThat(again).isPresent();
		again.get().unlock();
	}

}
