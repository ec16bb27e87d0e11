package be.cocon.loadtest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/** What a run found, as written to the JSON report; times in milliseconds. */
final class Report {

	private Report() {
	}

	/**
	 * A latency distribution.
	 *
	 * @param count values recorded
	 */
	record Latency(long count, double p50, double p95, double p99, double max, double mean) {

		/**
		 * From a histogram of microseconds, read through a copy made under the
		 * recording's lock: acks may still be recorded into it
		 * ({@code SynchronizedHistogram} locks on itself, but its inherited
		 * {@code copy()} does not).
		 */
		static Latency of(Histogram recording) {
			Histogram micros;
			synchronized (recording) {
				micros = new Histogram(recording.getHighestTrackableValue(),
						recording.getNumberOfSignificantValueDigits());
				micros.add(recording);
			}
			if (micros.getTotalCount() == 0) {
				return new Latency(0, 0, 0, 0, 0, 0);
			}
			return new Latency(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
					ms(micros.getValueAtPercentile(95)), ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()),
					Math.round(micros.getMean()) / 1000.0);
		}

		private static double ms(long micros) {
			return micros / 1000.0;
		}

		@Override
		public String toString() {
			if (this.count == 0) {
				return "none measured";
			}
			return String.format(Locale.ROOT, "p50 %s p95 %s p99 %s max %s ms", fmt(this.p50), fmt(this.p95),
					fmt(this.p99), fmt(this.max));
		}

	}

	/**
	 * @param attempted sessions started
	 * @param connected sessions that got CONNECTED and were subscribed
	 * @param failed failures by reason
	 * @param seconds from the first handshake to the last CONNECTED
	 * @param perSecond sessions connected per second
	 * @param latency from the start of a handshake to its CONNECTED frame
	 */
	record Connect(int attempted, int connected, Map<String, Long> failed, double seconds, double perSecond,
			Latency latency) {
	}

	/**
	 * Heap in bytes; -1 where it could not be measured.
	 *
	 * @param serverBeforeConnect server heap after a full GC before the sessions connect
	 * @param serverIdle server heap after a full GC with every session connected and idle
	 * @param serverPerIdleSession the difference per connected session
	 * @param clientPerSession the load generator's own heap per session, likewise
	 * @param serverIdlePerInstance {@code serverIdle} of each instance (it is their sum)
	 */
	record Memory(long serverBeforeConnect, long serverIdle, double serverPerIdleSession, double clientPerSession,
			List<Long> serverIdlePerInstance) {
	}

	/**
	 * One offered rate, measured after its warm-up.
	 *
	 * @param offeredRate messages per second asked for, over all sessions
	 * @param sentPerSecond messages planned in the window and sent
	 * @param ackedPerSecond acknowledgements that arrived in the window, per second
	 * @param unacknowledged messages planned in the window that were never acknowledged
	 * (by the end of the drain): missing from the ack latencies, which would otherwise
	 * look better than they were
	 * @param ack from the planned send time to the ack at the sender
	 * @param accepted from the last attempt's send to the ack at the sender: how long a
	 * message the server took in waited (under overload the others were refused at once
	 * and sent again later, which {@code ack} includes)
	 * @param delivery from the planned send time to the message at the other participant
	 * @param schedulerLag how late the load generator sent, against the plan (its own
	 * health: large values mean the client, not the server, was the limit)
	 * @param errors refusals for good, by code, during warm-up and window
	 * @param rejections retryable refusals (resent), by code, during warm-up and window
	 * @param serverCpuCores server CPU time over wall time in the window, summed over the
	 * instances; -1 when unknown
	 * @param clientCpuCores the load generator's likewise
	 * @param serverHeapUsed most heap in use (live and garbage) seen in the window,
	 * summed over the instances; -1 when unknown
	 * @param loadAverage the machine's one-minute load average at the end of the window
	 * @param serverCpuCoresPerInstance {@code serverCpuCores} of each instance
	 * @param serverHeapUsedPerInstance {@code serverHeapUsed} of each instance
	 */
	record Phase(double offeredRate, double seconds, double sentPerSecond, double ackedPerSecond, long unacknowledged,
			Latency ack, Latency accepted, Latency delivery, Latency schedulerLag, Map<String, Long> errors,
			Map<String, Long> rejections, double serverCpuCores, double clientCpuCores, long serverHeapUsed,
			double loadAverage, List<Double> serverCpuCoresPerInstance, List<Long> serverHeapUsedPerInstance) {
	}

	/**
	 * One session sends messages back to back.
	 *
	 * @param messages how many
	 * @param acked acknowledged in the end
	 * @param millisToLastAck from the first send to the last ack
	 * @param ackedPerSecond messages over that time
	 * @param outOfOrder acks that came in another order than sent, or with a lower seq
	 * than the ack before
	 * @param rejections retryable refusals, by code
	 * @param ack per message, from the burst's start
	 * @param backlog messages of the load still unacknowledged when the burst started
	 * (the drain ran out): the burst waited behind them
	 */
	record Burst(int messages, long acked, double millisToLastAck, double ackedPerSecond, long outOfOrder,
			Map<String, Long> rejections, Latency ack, long backlog) {
	}

	/**
	 * Everything measured against one server.
	 *
	 * @param name {@code baseline}, {@code cocon}, or {@code cocon xN} on N instances
	 * @param urls the WebSocket URL of each instance
	 * @param instances how many server instances the sessions were spread over
	 * @param sessionsClosed sessions the server closed or lost during the run, by reason
	 * @param drainSeconds how long the end of the run waited for outstanding acks and
	 * deliveries
	 */
	record Target(String name, List<String> urls, int instances, int sessions, Connect connect, Memory memory,
			List<Phase> phases, @Nullable Burst burst, Completeness.Result completeness, Map<String, Long> errors,
			Map<String, Long> rejections, Map<String, Long> sessionsClosed, double drainSeconds) {
	}

	/**
	 * One target against another at one rate: Cocon against the bare broker, or Cocon on
	 * several instances against Cocon on the first count of {@code --instances}.
	 *
	 * @param throughput the acknowledged rate over the other's
	 * @param p99 the p99 send-to-ack latency over the other's
	 */
	record Ratio(double offeredRate, double throughput, double p99) {
	}

	/**
	 * Ratios of one target to another, rate by rate.
	 *
	 * @param of the target's name
	 * @param to the name of the one it is compared with
	 */
	record Comparison(String of, String to, List<Ratio> ratios) {
	}

	/**
	 * @param ratios the first Cocon target against the baseline (empty without either)
	 * @param instanceRatios each further Cocon target (another instance count) against
	 * the first
	 */
	record Run(Instant startedAt, Map<String, Object> settings, List<Target> targets, List<Ratio> ratios,
			List<Comparison> instanceRatios) {
	}

	static String fmt(double value) {
		if (value >= 100) {
			return String.format(Locale.ROOT, "%.0f", value);
		}
		if (value >= 10) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		return String.format(Locale.ROOT, "%.2f", value);
	}

	/** The lines printed for a target. */
	static List<String> summary(Target target) {
		List<String> lines = new java.util.ArrayList<>();
		Connect connect = target.connect();
		lines.add(String.format(Locale.ROOT, "%s: connected %d/%d sessions%s in %s s (%s/s, connect %s)%s",
				target.name(), connect.connected(), connect.attempted(),
				(target.instances() > 1) ? " over " + target.instances() + " instances" : "", fmt(connect.seconds()),
				fmt(connect.perSecond()), connect.latency(), heapLine(target.memory())));
		for (Phase phase : target.phases()) {
			lines.add(String.format(Locale.ROOT,
					"%s @%s/s: acked %s/s (sent %s/s, %d never acked) | ack %s | accepted→ack p50 %s p99 %s ms | delivery %s | errors %d, rejected %d | server cpu %s cores, heap %s MB | client cpu %s cores, lag p99 %s ms | load avg %s",
					target.name(), fmt(phase.offeredRate()), fmt(phase.ackedPerSecond()), fmt(phase.sentPerSecond()),
					phase.unacknowledged(), phase.ack(), fmt(phase.accepted().p50()), fmt(phase.accepted().p99()),
					phase.delivery(), sum(phase.errors()), sum(phase.rejections()),
					fmt(phase.serverCpuCores()) + perInstance(phase.serverCpuCoresPerInstance(), Report::fmt),
					mb(phase.serverHeapUsed()) + perInstance(phase.serverHeapUsedPerInstance(), Report::mb),
					fmt(phase.clientCpuCores()), fmt(phase.schedulerLag().p99()), fmt(phase.loadAverage())));
		}
		Burst burst = target.burst();
		if (burst != null) {
			lines.add(String.format(Locale.ROOT,
					"%s burst: %d/%d acked, last ack after %s ms (%s/s), out of order %d, rejected %d, behind a backlog of %d",
					target.name(), burst.acked(), burst.messages(), fmt(burst.millisToLastAck()),
					fmt(burst.ackedPerSecond()), burst.outOfOrder(), sum(burst.rejections()), burst.backlog()));
		}
		Completeness.Result result = target.completeness();
		String store = (result.store() != null) ? String.format(Locale.ROOT, ", store missing %d, store wrong seq %d",
				result.store().missing(), result.store().wrongSeq()) : ", store not checked";
		lines.add(String.format(Locale.ROOT,
				"%s completeness %s: %d sent, %d acked, %d unacked, %d refused, %d still to be sent again, %d late; copies %d/%d, lost %d, duplicates %d, inversions %d (same sender %d), seq mismatches %d%s%s",
				target.name(), result.complete() ? "OK" : "BROKEN", result.sent(), result.acked(),
				result.unacknowledged(), result.refused(), result.retrying(), result.late(), result.delivered(),
				result.expectedDeliveries(), result.lost(), result.duplicates(), result.inversions(),
				result.senderOrderViolations(), result.seqMismatches(), store,
				target.sessionsClosed().isEmpty() ? "" : "; sessions closed " + target.sessionsClosed()));
		if (!target.errors().isEmpty() || !target.rejections().isEmpty()) {
			lines.add(target.name() + " errors " + target.errors() + ", rejections " + target.rejections());
		}
		return lines;
	}

	/** One line for a target: the figures to compare at a glance. */
	static String oneLine(Target target) {
		StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
				"%s: %d instance%s, %d sessions, connect %s/s", target.name(), target.instances(),
				(target.instances() == 1) ? "" : "s", target.connect().connected(), fmt(target.connect().perSecond())));
		if (target.memory().serverPerIdleSession() >= 0) {
			line.append(String.format(Locale.ROOT, ", %s KB heap/idle session",
					fmt(target.memory().serverPerIdleSession() / 1024)));
		}
		for (Phase phase : target.phases()) {
			line.append(String.format(Locale.ROOT,
					" | @%s/s: acked %s/s, ack p99 %s, delivery p99 %s, %d errors, %d rejected, cpu %s",
					fmt(phase.offeredRate()), fmt(phase.ackedPerSecond()), p99(phase.ack()), p99(phase.delivery()),
					sum(phase.errors()), sum(phase.rejections()), fmt(phase.serverCpuCores())));
		}
		if (target.burst() != null) {
			line.append(String.format(Locale.ROOT, " | burst %d: %s ms", target.burst().messages(),
					fmt(target.burst().millisToLastAck())));
		}
		return line.append(target.completeness().complete() ? " | complete" : " | INCOMPLETE").toString();
	}

	private static String p99(Latency latency) {
		return (latency.count() == 0) ? "n/a" : fmt(latency.p99()) + " ms";
	}

	/** One target against another, every rate on one line. */
	static String ratioLine(String of, String to, List<Ratio> ratios) {
		StringBuilder line = new StringBuilder(of + "/" + to + ":");
		for (Ratio ratio : ratios) {
			line.append(String.format(Locale.ROOT, " @%s/s throughput %sx, ack p99 %sx;", fmt(ratio.offeredRate()),
					fmt(ratio.throughput()), fmt(ratio.p99())));
		}
		return line.substring(0, line.length() - 1);
	}

	private static String heapLine(Memory memory) {
		if (memory.serverPerIdleSession() < 0) {
			return "";
		}
		return String.format(Locale.ROOT, ", server heap %s KB per idle session (%s MB before, %s MB idle%s)",
				fmt(memory.serverPerIdleSession() / 1024), mb(memory.serverBeforeConnect()), mb(memory.serverIdle()),
				perInstance(memory.serverIdlePerInstance(), Report::mb));
	}

	/** Each instance's figure, as {@code " (a + b)"}, when there is more than one. */
	static <T> String perInstance(List<T> figures, java.util.function.Function<T, String> format) {
		if (figures.size() < 2) {
			return "";
		}
		return figures.stream().map(format).collect(java.util.stream.Collectors.joining(" + ", " (", ")"));
	}

	private static String mb(long bytes) {
		return (bytes < 0) ? "?" : fmt(bytes / 1048576.0);
	}

	private static long sum(Map<String, Long> counts) {
		return counts.values().stream().mapToLong(Long::longValue).sum();
	}

}
