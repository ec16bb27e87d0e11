package be.cocon.nudge;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import be.cocon.nudge.AdaptivePolicy.Facts;
import be.cocon.nudge.AdaptiveSettings.Mode;
import be.cocon.nudge.NudgeDocument.Reason;

import static org.assertj.core.api.Assertions.assertThat;

class AdaptivePolicyTests {

	static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

	static final AdaptiveSettings ON = new AdaptiveSettings("c", "t", true, Mode.SEND, 3, 4, 3, "22:00", "08:00", 48,
			NOW.minus(Duration.ofDays(30)));

	@Test
	void quietHoursThatWrapMidnightIncludeTheLateEveningAndEarlyMorning() {
		LocalTime start = LocalTime.of(22, 0);
		LocalTime end = LocalTime.of(8, 0);

		assertThat(AdaptivePolicy.inQuietHours(LocalTime.of(21, 59), start, end)).isFalse();
		assertThat(AdaptivePolicy.inQuietHours(LocalTime.of(22, 0), start, end)).isTrue();
		assertThat(AdaptivePolicy.inQuietHours(LocalTime.of(3, 0), start, end)).isTrue();
		assertThat(AdaptivePolicy.inQuietHours(LocalTime.of(7, 59), start, end)).isTrue();
		assertThat(AdaptivePolicy.inQuietHours(LocalTime.of(8, 0), start, end)).isFalse();
	}

	@Test
	void quietHoursWithinOneDayAndEmptyQuietHours() {
		assertThat(AdaptivePolicy.inQuietHours(LocalTime.of(13, 30), LocalTime.of(13, 0), LocalTime.of(14, 0)))
			.isTrue();
		assertThat(AdaptivePolicy.inQuietHours(LocalTime.of(14, 0), LocalTime.of(13, 0), LocalTime.of(14, 0)))
			.isFalse();
		assertThat(AdaptivePolicy.inQuietHours(LocalTime.of(3, 0), LocalTime.of(8, 0), LocalTime.of(8, 0))).isFalse();
	}

	@Test
	void inQuietHoursTheNudgeWaitsForTheirEndInTheClientsZone() {
		Instant lateInBrussels = Instant.parse("2026-11-23T22:30:00Z"); // 23:30 in
																		// Brussels
		Instant earlyInBrussels = Instant.parse("2026-11-24T05:00:00Z"); // 06:00 in
																			// Brussels

		assertThat(AdaptivePolicy.sendTime(ON, ZoneId.of("Europe/Brussels"), lateInBrussels))
			.isEqualTo(Instant.parse("2026-11-24T07:00:00Z"));
		assertThat(AdaptivePolicy.sendTime(ON, ZoneId.of("Europe/Brussels"), earlyInBrussels))
			.isEqualTo(Instant.parse("2026-11-24T07:00:00Z"));
		// the same moment is afternoon in New York: no waiting
		assertThat(AdaptivePolicy.sendTime(ON, ZoneId.of("America/New_York"), lateInBrussels))
			.isEqualTo(lateInBrussels);
	}

	@Test
	void quietHoursEndAcrossADaylightSavingChange() {
		// night of 28–29 March 2026: Brussels moves from UTC+1 to UTC+2
		Instant beforeChange = Instant.parse("2026-03-28T23:00:00Z");

		assertThat(AdaptivePolicy.sendTime(ON, ZoneId.of("Europe/Brussels"), beforeChange))
			.isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
	}

	@Test
	void stalledComesFirstThenMissedCheckInsThenInactivity() {
		Instant longAgo = NOW.minus(Duration.ofDays(10));
		Instant recently = NOW.minus(Duration.ofHours(1));

		assertThat(AdaptivePolicy.reason(ON, new Facts(null, longAgo, longAgo, longAgo), NOW)).contains(Reason.STALLED);
		assertThat(AdaptivePolicy.reason(ON, new Facts(null, recently, longAgo, recently), NOW))
			.contains(Reason.MISSED_CHECKINS);
		assertThat(AdaptivePolicy.reason(ON, new Facts(null, null, null, longAgo), NOW)).contains(Reason.INACTIVE);
		assertThat(AdaptivePolicy.reason(ON, new Facts(null, recently, recently, recently), NOW)).isEmpty();
	}

	@Test
	void thresholdsAreInclusiveDays() {
		Instant exactlyFourDays = NOW.minus(Duration.ofDays(4));
		Instant almostFourDays = NOW.minus(Duration.ofDays(4)).plusSeconds(1);
		Instant recently = NOW.minus(Duration.ofHours(1));

		assertThat(AdaptivePolicy.reason(ON, new Facts(null, exactlyFourDays, null, recently), NOW))
			.contains(Reason.STALLED);
		assertThat(AdaptivePolicy.reason(ON, new Facts(null, almostFourDays, null, recently), NOW)).isEmpty();
	}

	@Test
	void frequencyCapHoldsBackAnyReasonUntilItHasPassed() {
		Facts stalled = new Facts(NOW.minus(Duration.ofHours(47)), NOW.minus(Duration.ofDays(10)), null, null);
		Facts capPassed = new Facts(NOW.minus(Duration.ofHours(48)), NOW.minus(Duration.ofDays(10)), null, null);

		assertThat(AdaptivePolicy.reason(ON, stalled, NOW)).isEmpty();
		assertThat(AdaptivePolicy.reason(ON, capPassed, NOW)).contains(Reason.STALLED);
	}

	@Test
	void switchedOffOrJustSwitchedOnNothingIsDue() {
		AdaptiveSettings off = new AdaptiveSettings("c", "t", false, Mode.SEND, 3, 4, 3, "22:00", "08:00", 48, null);
		AdaptiveSettings justOn = new AdaptiveSettings("c", "t", true, Mode.SEND, 3, 4, 3, "22:00", "08:00", 48,
				NOW.minus(Duration.ofHours(2)));
		Facts neverActive = new Facts(null, null, null, null);

		assertThat(AdaptivePolicy.reason(off, new Facts(null, NOW.minus(Duration.ofDays(10)), null, null), NOW))
			.isEmpty();
		assertThat(AdaptivePolicy.reason(justOn, neverActive, NOW)).isEmpty();
		assertThat(AdaptivePolicy.reason(justOn, neverActive, NOW.plus(Duration.ofDays(3)))).contains(Reason.INACTIVE);
	}

}
