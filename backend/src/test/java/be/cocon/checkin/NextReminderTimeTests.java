package be.cocon.checkin;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The next reminder time stays at the chosen local time, daylight saving or not. */
class NextReminderTimeTests {

	static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

	@Test
	void laterTodayWhenTheTimeHasNotPassedYet() {
		assertThat(next("19:00", BRUSSELS, "2026-11-23T10:00:00Z")).isEqualTo("2026-11-23T18:00:00Z");
	}

	@Test
	void tomorrowWhenTheTimeHasPassedOrIsNow() {
		assertThat(next("19:00", BRUSSELS, "2026-11-23T18:00:00Z")).isEqualTo("2026-11-24T18:00:00Z");
		assertThat(next("19:00", BRUSSELS, "2026-11-23T20:00:00Z")).isEqualTo("2026-11-24T18:00:00Z");
	}

	@Test
	void theLocalDateDecidesNotTheUtcDate() {
		// 23:30 UTC on the 23rd is already the 24th in Brussels
		assertThat(next("08:00", BRUSSELS, "2026-11-23T23:30:00Z")).isEqualTo("2026-11-24T07:00:00Z");
		assertThat(next("20:00", ZoneId.of("America/New_York"), "2026-11-24T00:30:00Z"))
			.isEqualTo("2026-11-24T01:00:00Z");
	}

	@Test
	void theLocalTimeHoldsAcrossTheSpringAndAutumnChanges() {
		// Brussels: summer time from 28 March 2027, winter time from 25 October 2026
		assertThat(next("20:00", BRUSSELS, "2027-03-27T19:00:01Z")).isEqualTo("2027-03-28T18:00:00Z");
		assertThat(next("20:00", BRUSSELS, "2026-10-24T18:00:01Z")).isEqualTo("2026-10-25T19:00:00Z");
	}

	@Test
	void aTimeThatDoesNotExistThatDayMovesForwardByTheGap() {
		assertThat(next("02:30", BRUSSELS, "2027-03-27T12:00:00Z")).isEqualTo("2027-03-28T01:30:00Z");
	}

	private static String next(String time, ZoneId zone, String after) {
		return DailyReminders.nextOccurrence(LocalTime.parse(time), zone, Instant.parse(after)).toString();
	}

}
