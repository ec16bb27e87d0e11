package be.cocon.safety;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * Figures for staff over a period of calendar days: what opened (escalations and review
 * items, by their severity, category and source at opening), what became of review items,
 * how escalations ended and how fast moderators answered.
 *
 * @param from the first day (ISO date)
 * @param to the last day, today
 * @param zone the time zone of the days
 * @param days every day of the period, oldest first, zeros included
 * @param bySeverity opened per severity
 * @param byCategory opened per category ({@code UNKNOWN} when none, e.g. the help button)
 * @param bySource opened per source of the first signal
 * @param reviews review items in the period, and how many are open now
 * @param outcomes resolutions per outcome in the period
 * @param timeToClaim escalations claimed in the period, counted from when they became
 * escalations
 * @param timeToResolve escalations and review items resolved in the period, counted from
 * when they became escalations (from opening for review items)
 */
record SafetyStats(String from, String to, String zone, List<Day> days, Map<String, Long> bySeverity,
		Map<String, Long> byCategory, Map<String, Long> bySource, Reviews reviews, Map<String, Long> outcomes,
		Durations timeToClaim, Durations timeToResolve) {

	/** What opened on one day, by severity at opening. */
	@Schema(name = "SafetyStatsDay")
	record Day(String date, long high, long medium, long review) {
	}

	/**
	 * @param opened review items opened in the period
	 * @param dismissed dismissed in the period
	 * @param escalated raised to escalations in the period (by a moderator or a later
	 * signal)
	 * @param open review items open now
	 */
	@Schema(name = "SafetyStatsReviews")
	record Reviews(long opened, long dismissed, long escalated, long open) {
	}

	/**
	 * @param count how many
	 * @param medianSeconds the median, null when none
	 * @param p90Seconds the 90th percentile, null when none
	 */
	@Schema(name = "SafetyStatsDurations")
	record Durations(long count, @Nullable Double medianSeconds, @Nullable Double p90Seconds) {
	}

}
