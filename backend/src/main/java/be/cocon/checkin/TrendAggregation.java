package be.cocon.checkin;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import be.cocon.checkin.CheckinViews.Average;
import be.cocon.checkin.CheckinViews.Day;
import be.cocon.checkin.CheckinViews.TagTrend;
import be.cocon.checkin.CheckinViews.Trends;
import be.cocon.checkin.CheckinViews.Weekday;

/**
 * Trends from check-ins, by the client's local dates. Averages are over check-ins (two
 * check-ins on one day count twice), rounded half up to one decimal; the direction and
 * tag differences are computed from the rounded averages, so they agree with the numbers
 * shown. A tag is named as a pattern in either direction by the same rule (used at least
 * {@link #PATTERN_MIN_COUNT} times, mood at least {@link #PATTERN_DIFFERENCE} apart), so
 * a tag that goes with a better mood is as visible as one that goes with a lower mood.
 */
final class TrendAggregation {

	static final BigDecimal DIRECTION_THRESHOLD = new BigDecimal("0.75");

	static final BigDecimal PATTERN_DIFFERENCE = BigDecimal.ONE;

	static final int PATTERN_MIN_COUNT = 2;

	private TrendAggregation() {
	}

	/**
	 * Trends for the {@code days} days up to and including {@code today}; check-ins
	 * outside that period count only for the 7/30-day averages.
	 */
	static Trends of(List<Point> points, LocalDate today, int days, String timezone) {
		LocalDate from = today.minusDays(days - 1L);
		List<Point> period = within(points, from, today);
		Average average7 = average(within(points, today.minusDays(6), today));
		Average previous7 = average(within(points, today.minusDays(13), today.minusDays(7)));
		Average average30 = average(within(points, today.minusDays(29), today));
		List<TagTrend> tags = tags(period);
		List<String> lowMoodTags = patterns(tags, PATTERN_DIFFERENCE.negate(), Comparator.naturalOrder());
		List<String> highMoodTags = patterns(tags, PATTERN_DIFFERENCE, Comparator.reverseOrder());
		return new Trends(from, today, timezone, days(period, from, today), average7, previous7, average30,
				direction(average7, previous7), weekdays(period), tags, lowMoodTags, highMoodTags);
	}

	/** The last 7 days against the 7 before, as in {@link #of}. */
	static Summary summary(List<Point> points, LocalDate today) {
		Average average7 = average(within(points, today.minusDays(6), today));
		Average previous7 = average(within(points, today.minusDays(13), today.minusDays(7)));
		return new Summary(average7, previous7, direction(average7, previous7));
	}

	static Average average(List<Point> points) {
		long mood = 0;
		long stress = 0;
		for (Point point : points) {
			mood += point.mood();
			stress += point.stress();
		}
		return new Average(mean(mood, points.size()), mean(stress, points.size()), points.size());
	}

	static @Nullable Direction direction(Average recent, Average before) {
		if (recent.count() < 2 || before.count() < 2 || recent.mood() == null || before.mood() == null) {
			return null;
		}
		BigDecimal change = BigDecimal.valueOf(recent.mood()).subtract(BigDecimal.valueOf(before.mood()));
		if (change.compareTo(DIRECTION_THRESHOLD) >= 0) {
			return Direction.UP;
		}
		if (change.compareTo(DIRECTION_THRESHOLD.negate()) <= 0) {
			return Direction.DOWN;
		}
		return Direction.FLAT;
	}

	/** The mean rounded half up to one decimal, or null for no values. */
	static @Nullable Double mean(long sum, int count) {
		if (count == 0) {
			return null;
		}
		return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_UP).doubleValue();
	}

	private static List<Day> days(List<Point> period, LocalDate from, LocalDate to) {
		Map<LocalDate, List<Point>> byDate = new TreeMap<>();
		period.forEach((point) -> byDate.computeIfAbsent(point.date(), (date) -> new ArrayList<>()).add(point));
		List<Day> days = new ArrayList<>();
		for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
			Average average = average(byDate.getOrDefault(date, List.of()));
			days.add(new Day(date, average.mood(), average.stress(), average.count()));
		}
		return days;
	}

	private static List<Weekday> weekdays(List<Point> period) {
		List<Weekday> weekdays = new ArrayList<>();
		for (int weekday = 1; weekday <= 7; weekday++) {
			int isoDay = weekday;
			Average average = average(matching(period, (point) -> point.date().getDayOfWeek().getValue() == isoDay));
			weekdays.add(new Weekday(weekday, average.mood(), average.stress(), average.count()));
		}
		return weekdays;
	}

	private static List<TagTrend> tags(List<Point> period) {
		List<String> used = period.stream().flatMap((point) -> point.tags().stream()).distinct().toList();
		List<TagTrend> tags = new ArrayList<>();
		for (String tag : used) {
			Average with = average(matching(period, (point) -> point.tags().contains(tag)));
			Average without = average(matching(period, (point) -> !point.tags().contains(tag)));
			Double difference = (without.mood() != null)
					? BigDecimal.valueOf(with.mood()).subtract(BigDecimal.valueOf(without.mood())).doubleValue() : null;
			tags.add(new TagTrend(tag, with.count(), with.mood(), without.mood(), difference));
		}
		tags.sort(Comparator.comparing(TagTrend::difference, Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing(Comparator.comparingInt(TagTrend::count).reversed())
			.thenComparing(TagTrend::tag));
		return tags;
	}

	/**
	 * The tags used often enough whose difference reaches {@code limit} (at most a
	 * negative limit, at least a positive one), the largest difference first, then by
	 * count (more first) and name.
	 */
	private static List<String> patterns(List<TagTrend> tags, BigDecimal limit, Comparator<Double> strongestFirst) {
		return tags.stream()
			.filter((tag) -> tag.count() >= PATTERN_MIN_COUNT && tag.difference() != null)
			.filter((tag) -> {
				int compared = BigDecimal.valueOf(tag.difference()).compareTo(limit);
				return (limit.signum() < 0) ? compared <= 0 : compared >= 0;
			})
			.sorted(Comparator.comparing(TagTrend::difference, strongestFirst)
				.thenComparing(Comparator.comparingInt(TagTrend::count).reversed())
				.thenComparing(TagTrend::tag))
			.map(TagTrend::tag)
			.toList();
	}

	private static List<Point> within(List<Point> points, LocalDate from, LocalDate to) {
		return matching(points, (point) -> !point.date().isBefore(from) && !point.date().isAfter(to));
	}

	private static List<Point> matching(List<Point> points, Predicate<Point> test) {
		return points.stream().filter(test).toList();
	}

	/** One check-in as the trends see it. */
	record Point(LocalDate date, int mood, int stress, List<String> tags) {

		static Point of(MonthDocument.Entry entry) {
			return new Point(entry.localDate(), entry.mood(), entry.stress(), entry.tags());
		}

	}

	/** The last 7 days, the 7 before, and the direction between them. */
	record Summary(Average average7, Average previous7, @Nullable Direction direction) {
	}

}
