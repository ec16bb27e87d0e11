package be.cocon.privacy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long personal data is kept ({@code cocon.privacy.retention.*}); a scheduled purge
 * deletes what is older. Every period is at least a day.
 *
 * @param enabled whether the purge runs at all
 * @param cron when it runs (Spring cron, server time zone); {@code -} switches the
 * schedule off
 * @param messages chat messages, counted from when they were written
 * @param checkins check-ins, from when they were stored
 * @param resolvedEscalations escalations, from when they were resolved (open ones stay)
 * @param nudges sent, cancelled and dismissed nudges, from when they were sent or due
 * @param auditEntries audit entries, from when they were recorded
 * @param batchSize owners (conversations, clients) handled per step; progress is saved
 * after each
 * @param maxRunTime a run stops after this and the next run resumes where it stopped;
 * shorter than the 30-minute lease, so two instances never purge at once
 */
@ConfigurationProperties("cocon.privacy.retention")
public record RetentionProperties(@DefaultValue("true") boolean enabled, @DefaultValue("0 30 3 * * *") String cron,
		@DefaultValue("365d") Duration messages, @DefaultValue("365d") Duration checkins,
		@DefaultValue("365d") Duration resolvedEscalations, @DefaultValue("180d") Duration nudges,
		@DefaultValue("730d") Duration auditEntries, @DefaultValue("100") int batchSize,
		@DefaultValue("20m") Duration maxRunTime) {

	/** The lease of a run; {@link #maxRunTime} must stay below it. */
	static final Duration LEASE = Duration.ofMinutes(30);

	public RetentionProperties {
		for (Duration period : new Duration[] { messages, checkins, resolvedEscalations, nudges, auditEntries }) {
			if (period.compareTo(Duration.ofDays(1)) < 0) {
				throw new IllegalArgumentException("cocon.privacy.retention: every period is at least 1d");
			}
		}
		if (batchSize < 1) {
			throw new IllegalArgumentException("cocon.privacy.retention.batch-size must be 1 or more");
		}
		if (maxRunTime.isNegative() || maxRunTime.isZero() || maxRunTime.compareTo(LEASE.minusMinutes(5)) > 0) {
			throw new IllegalArgumentException("cocon.privacy.retention.max-run-time must be between 0 and 25m");
		}
	}

	/** The retention period of a kind of data. */
	Duration periodOf(RetentionPurge.Kind kind) {
		return switch (kind) {
			case MESSAGES -> this.messages;
			case CHECKINS -> this.checkins;
			case RESOLVED_ESCALATIONS -> this.resolvedEscalations;
			case NUDGES -> this.nudges;
			case AUDIT_ENTRIES -> this.auditEntries;
		};
	}

}
