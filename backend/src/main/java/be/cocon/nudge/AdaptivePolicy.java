package be.cocon.nudge;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import be.cocon.nudge.NudgeDocument.Reason;

/**
 * When an adaptive nudge is due, and when it may be sent: the decisions, without the
 * store, so they are tested on their own.
 */
final class AdaptivePolicy {

	private AdaptivePolicy() {
	}

	/**
	 * What the policy looks at for one client.
	 *
	 * @param lastAutomaticAt when the last adaptive nudge was made (sent, scheduled,
	 * suggested or dismissed), or null
	 * @param stepSince since when the client is on the current step of an active (not
	 * paused) programme, or null
	 * @param lastCheckInAt the client's last check-in, or null if they never checked in
	 * @param lastActivityAt the client's last check-in, answer or message, or null
	 */
	record Facts(@Nullable Instant lastAutomaticAt, @Nullable Instant stepSince, @Nullable Instant lastCheckInAt,
			@Nullable Instant lastActivityAt) {
	}

	/**
	 * Why to nudge now, if at all: stalled first, then missed check-ins, then inactive.
	 */
	static Optional<Reason> reason(AdaptiveSettings settings, Facts facts, Instant now) {
		if (!settings.enabled()) {
			return Optional.empty();
		}
		if (facts.lastAutomaticAt() != null
				&& now.isBefore(facts.lastAutomaticAt().plus(Duration.ofHours(settings.minHoursBetween())))) {
			return Optional.empty();
		}
		if (olderThan(facts.stepSince(), settings.stalledDays(), now)) {
			return Optional.of(Reason.STALLED);
		}
		if (olderThan(facts.lastCheckInAt(), settings.missedCheckinDays(), now)) {
			return Optional.of(Reason.MISSED_CHECKINS);
		}
		Instant active = latest(facts.lastActivityAt(), settings.enabledAt());
		if (olderThan(active, settings.inactiveDays(), now)) {
			return Optional.of(Reason.INACTIVE);
		}
		return Optional.empty();
	}

	/** Now, or the end of the quiet hours in the client's zone if now is inside them. */
	static Instant sendTime(AdaptiveSettings settings, ZoneId zone, Instant now) {
		ZonedDateTime local = now.atZone(zone);
		LocalTime start = settings.quietStartTime();
		LocalTime end = settings.quietEndTime();
		if (!inQuietHours(local.toLocalTime(), start, end)) {
			return now;
		}
		ZonedDateTime endToday = local.with(end);
		ZonedDateTime next = endToday.isAfter(local) ? endToday : local.plusDays(1).with(end);
		return next.toInstant();
	}

	/** Quiet hours may wrap midnight (22:00–08:00) or not (13:00–14:00). */
	static boolean inQuietHours(LocalTime time, LocalTime start, LocalTime end) {
		if (start.equals(end)) {
			return false;
		}
		if (start.isBefore(end)) {
			return !time.isBefore(start) && time.isBefore(end);
		}
		return !time.isBefore(start) || time.isBefore(end);
	}

	private static boolean olderThan(@Nullable Instant at, int days, Instant now) {
		return at != null && !at.plus(Duration.ofDays(days)).isAfter(now);
	}

	private static @Nullable Instant latest(@Nullable Instant a, @Nullable Instant b) {
		if (a == null) {
			return b;
		}
		return (b == null || a.isAfter(b)) ? a : b;
	}

}
