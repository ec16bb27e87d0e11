package be.cocon.support;

import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Replaces the application's clock with a {@link MutableClock} the test moves, starting
 * at 2026-11-23T10:00:00Z. Import it and autowire {@code MutableClock}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ControlledClock {

	public static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

	@Bean
	@Primary
	MutableClock testClock() {
		return new MutableClock(START);
	}

}
