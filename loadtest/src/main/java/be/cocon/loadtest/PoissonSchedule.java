package be.cocon.loadtest;

import java.util.SplittableRandom;

/**
 * When one session sends next: independent senders with exponential think times make a
 * Poisson stream, whose sum over all sessions is again Poisson with the total rate. Send
 * times are planned on an absolute clock (each follows the previous planned time, not the
 * moment the previous send really happened), so a stalled client or server does not thin
 * out the offered load, and latency counts from the planned time: no coordinated
 * omission.
 */
final class PoissonSchedule {

	private final SplittableRandom random;

	private final double meanGapNanos;

	private long next;

	/**
	 * @param totalRate messages per second over all sessions
	 * @param sessions sessions that share it
	 * @param start the clock reading to plan from (nanoseconds)
	 * @param random this session's random stream
	 */
	PoissonSchedule(double totalRate, int sessions, long start, SplittableRandom random) {
		if (totalRate <= 0 || sessions <= 0) {
			throw new IllegalArgumentException("rate and sessions must be positive");
		}
		this.random = random;
		this.meanGapNanos = 1e9 * sessions / totalRate;
		// the first send is one gap away too, so sessions do not start in step
		this.next = start + nextGap();
	}

	/** The planned time of the next send (nanoseconds on the same clock as start). */
	long next() {
		return this.next;
	}

	/** Moves on to the send after the current one and returns its planned time. */
	long advance() {
		this.next += nextGap();
		return this.next;
	}

	double meanGapNanos() {
		return this.meanGapNanos;
	}

	private long nextGap() {
		// 1 - U lies in (0, 1], so the logarithm is finite
		return (long) (-Math.log(1.0 - this.random.nextDouble()) * this.meanGapNanos);
	}

}
