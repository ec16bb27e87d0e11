package be.cocon.checkin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import be.cocon.checkin.MonthDocument.Entry;
import be.cocon.safety.CrisisCard;

/**
 * What the check-in API answers. Numbers are rounded to one decimal. The schema names
 * carry the module's name because the OpenAPI document names schemas by simple class name
 * across all modules.
 */
final class CheckinViews {

	private CheckinViews() {
	}

	/**
	 * A check-in.
	 *
	 * @param id the id the browser made
	 * @param at when it was stored
	 * @param date the client's local date then
	 * @param mood 1..10
	 * @param stress 1..10
	 * @param tags from the vocabulary
	 * @param note the note, or null
	 */
	record CheckIn(String id, Instant at, LocalDate date, int mood, int stress, List<String> tags,
			@Nullable String note) {

		static CheckIn of(Entry entry) {
			return new CheckIn(entry.id(), entry.at(), entry.localDate(), entry.mood(), entry.stress(), entry.tags(),
					entry.note());
		}

	}

	/**
	 * The answer to a posted check-in.
	 *
	 * @param checkIn the check-in as stored
	 * @param crisis the crisis card to show at once when the note signalled risk, else
	 * null
	 */
	@Schema(name = "PostedCheckIn")
	record Posted(CheckIn checkIn, @Nullable CrisisCard crisis) {
	}

	/**
	 * @param mood average mood, or null without check-ins
	 * @param stress average stress, or null without check-ins
	 * @param count how many check-ins
	 */
	@Schema(name = "CheckInAverage")
	record Average(@Nullable Double mood, @Nullable Double stress, int count) {
	}

	/**
	 * Trends over {@code from..to} (the client's local dates).
	 *
	 * @param from first day
	 * @param to last day (today)
	 * @param timezone the client's time zone
	 * @param days one entry per day, oldest first
	 * @param average7 the last 7 days
	 * @param previous7 the 7 days before those
	 * @param average30 the last 30 days
	 * @param direction {@code average7.mood - previous7.mood}: at least +0.75 UP, at most
	 * -0.75 DOWN, else FLAT; null when either has fewer than 2 check-ins
	 * @param weekdays per ISO weekday (Monday = 1), always 7
	 * @param tags each tag used in the period, lowest mood difference first
	 * @param lowMoodTags tags used at least twice with a mood at least 1 lower than
	 * without, the largest difference first
	 * @param highMoodTags tags used at least twice with a mood at least 1 higher than
	 * without, the largest difference first
	 */
	@Schema(name = "CheckInTrends")
	record Trends(LocalDate from, LocalDate to, String timezone, List<Day> days, Average average7, Average previous7,
			Average average30, @Nullable Direction direction, List<Weekday> weekdays, List<TagTrend> tags,
			List<String> lowMoodTags, List<String> highMoodTags) {
	}

	@Schema(name = "CheckInDay")
	record Day(LocalDate date, @Nullable Double mood, @Nullable Double stress, int count) {
	}

	@Schema(name = "CheckInWeekday")
	record Weekday(int weekday, @Nullable Double mood, @Nullable Double stress, int count) {
	}

	/**
	 * @param tag the tag
	 * @param count check-ins with it
	 * @param moodWith average mood of those
	 * @param moodWithout average mood of the check-ins without it, or null when every
	 * check-in has it
	 * @param difference {@code moodWith - moodWithout}, or null
	 */
	@Schema(name = "CheckInTag")
	record TagTrend(String tag, int count, double moodWith, @Nullable Double moodWithout, @Nullable Double difference) {
	}

	/**
	 * A client's daily reminder.
	 *
	 * @param enabled whether it is on
	 * @param time local time {@code HH:mm}
	 * @param timezone the account's time zone (read-only)
	 */
	@Schema(name = "CheckInReminder")
	record Reminder(boolean enabled, String time, String timezone) {
	}

}
