package be.cocon.loadtest;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class PoissonScheduleTests {

	@Test
	void eachSessionSendsItsShareOfTheTotalRate() {
		// 500 msgs/s over 1000 sessions: one message every 2 s per session
		PoissonSchedule schedule = new PoissonSchedule(500, 1000, 0, new SplittableRandom(42));

		assertThat(schedule.meanGapNanos()).isEqualTo(2e9);
		int sends = 100_000;
		long last = schedule.next();
		for (int i = 1; i < sends; i++) {
			last = schedule.advance();
		}
		assertThat(last / 1e9 / sends).isCloseTo(2.0, within(0.03));
	}

	@Test
	void gapsAreExponentialSoTheirSpreadEqualsTheirMean() {
		PoissonSchedule schedule = new PoissonSchedule(100, 1, 0, new SplittableRandom(7));
		int gaps = 100_000;
		double sum = 0;
		double sumOfSquares = 0;
		int shorterThanMean = 0;
		long previous = schedule.next();
		for (int i = 0; i < gaps; i++) {
			long next = schedule.advance();
			double gap = next - previous;
			sum += gap;
			sumOfSquares += gap * gap;
			if (gap < schedule.meanGapNanos()) {
				shorterThanMean++;
			}
			previous = next;
		}
		double mean = sum / gaps;
		double deviation = Math.sqrt(sumOfSquares / gaps - mean * mean);
		assertThat(deviation / mean).isCloseTo(1.0, within(0.03));
		// P(gap < mean) = 1 - 1/e for an exponential distribution
		assertThat(shorterThanMean / (double) gaps).isCloseTo(1 - Math.exp(-1), within(0.01));
	}

	@Test
	void planFollowsTheClockItStartedFromNotWhenSendsHappen() {
		PoissonSchedule schedule = new PoissonSchedule(10, 1, 5_000_000_000L, new SplittableRandom(1));

		long first = schedule.next();
		long second = schedule.advance();

		assertThat(first).isGreaterThan(5_000_000_000L);
		assertThat(second).isGreaterThanOrEqualTo(first);
		assertThat(schedule.next()).isEqualTo(second);
	}

	@Test
	void sameSeedSameSchedule() {
		PoissonSchedule one = new PoissonSchedule(50, 10, 0, new SplittableRandom(3));
		PoissonSchedule two = new PoissonSchedule(50, 10, 0, new SplittableRandom(3));

		for (int i = 0; i < 100; i++) {
			assertThat(one.advance()).isEqualTo(two.advance());
		}
	}

	@Test
	void rateAndSessionsMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PoissonSchedule(0, 10, 0, new SplittableRandom()));
		assertThatIllegalArgumentException().isThrownBy(() -> new PoissonSchedule(10, 0, 0, new SplittableRandom()));
	}

}
