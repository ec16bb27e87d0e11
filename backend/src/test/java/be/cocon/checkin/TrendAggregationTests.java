package be.cocon.checkin;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import be.cocon.checkin.CheckinViews.Average;
import be.cocon.checkin.CheckinViews.Day;
import be.cocon.checkin.CheckinViews.TagTrend;
import be.cocon.checkin.CheckinViews.Trends;
import be.cocon.checkin.CheckinViews.Weekday;
import be.cocon.checkin.TrendAggregation.Point;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class TrendAggregationTests {

	/** A Monday. */
	static final LocalDate TODAY = LocalDate.parse("2026-11-23");

	@Test
	void meansAreRoundedHalfUpToOneDecimal() {
		assertThat(TrendAggregation.mean(11, 2)).isEqualTo(5.5);
		assertThat(TrendAggregation.mean(16, 3)).isEqualTo(5.3);
		assertThat(TrendAggregation.mean(17, 3)).isEqualTo(5.7);
		assertThat(TrendAggregation.mean(1, 4)).isEqualTo(0.3);
		assertThat(TrendAggregation.mean(9, 4)).isEqualTo(2.3);
		assertThat(TrendAggregation.mean(7, 1)).isEqualTo(7.0);
		assertThat(TrendAggregation.mean(0, 0)).isNull();
	}

	@Test
	void everyDayOfThePeriodHasAnEntryOldestFirstAndEmptyDaysAreNull() {
		Trends trends = TrendAggregation.of(List.of(at(0, 4, 6), at(0, 7, 2), at(2, 8, 1)), TODAY, 7,
				"Europe/Brussels");

		assertThat(trends.from()).isEqualTo(TODAY.minusDays(6));
		assertThat(trends.to()).isEqualTo(TODAY);
		assertThat(trends.timezone()).isEqualTo("Europe/Brussels");
		assertThat(trends.days()).extracting(Day::date)
			.containsExactly(TODAY.minusDays(6), TODAY.minusDays(5), TODAY.minusDays(4), TODAY.minusDays(3),
					TODAY.minusDays(2), TODAY.minusDays(1), TODAY);
		assertThat(trends.days().get(6)).isEqualTo(new Day(TODAY, 5.5, 4.0, 2));
		assertThat(trends.days().get(4)).isEqualTo(new Day(TODAY.minusDays(2), 8.0, 1.0, 1));
		assertThat(trends.days().get(5)).isEqualTo(new Day(TODAY.minusDays(1), null, null, 0));
	}

	@Test
	void theDaysFollowTheRequestedLength() {
		assertThat(TrendAggregation.of(List.of(), TODAY, 30, "UTC").days()).hasSize(30);
		assertThat(TrendAggregation.of(List.of(), TODAY, 365, "UTC").days()).hasSize(365);
		assertThat(TrendAggregation.of(List.of(), TODAY, 365, "UTC").from()).isEqualTo(LocalDate.parse("2025-11-24"));
	}

	@Test
	void theSevenDayWindowsIncludeTodayAndTheThirtyDayWindowEndsToday() {
		List<Point> points = List.of(at(0, 10, 1), at(6, 8, 1), at(7, 6, 1), at(13, 4, 1), at(14, 1, 1), at(29, 2, 1),
				at(30, 9, 9));

		Trends trends = TrendAggregation.of(points, TODAY, 7, "UTC");

		assertThat(trends.average7()).isEqualTo(new Average(9.0, 1.0, 2));
		assertThat(trends.previous7()).isEqualTo(new Average(5.0, 1.0, 2));
		assertThat(trends.average30()).isEqualTo(new Average(5.2, 1.0, 6));
	}

	@Test
	void averagesCountCheckInsNotDays() {
		Trends trends = TrendAggregation.of(List.of(at(0, 2, 5), at(0, 2, 5), at(0, 2, 5), at(1, 10, 5)), TODAY, 7,
				"UTC");

		assertThat(trends.average7()).isEqualTo(new Average(4.0, 5.0, 4));
	}

	@Test
	void checkInsBeforeThePeriodCountOnlyForTheWindows() {
		List<Point> points = List.of(at(0, 8, 2, "sport"), at(10, 2, 9, "school"));

		Trends trends = TrendAggregation.of(points, TODAY, 7, "UTC");

		assertThat(trends.days()).extracting(Day::count).containsExactly(0, 0, 0, 0, 0, 0, 1);
		assertThat(trends.weekdays()).extracting(Weekday::count).containsExactly(1, 0, 0, 0, 0, 0, 0);
		assertThat(trends.tags()).extracting(TagTrend::tag).containsExactly("sport");
		assertThat(trends.previous7()).isEqualTo(new Average(2.0, 9.0, 1));
		assertThat(trends.average30()).isEqualTo(new Average(5.0, 5.5, 2));
	}

	@Test
	void checkInsDatedAfterTodayAreLeftOut() {
		Trends trends = TrendAggregation.of(List.of(at(-1, 9, 9)), TODAY, 7, "UTC");

		assertThat(trends.average7().count()).isZero();
		assertThat(trends.days()).extracting(Day::count).containsOnly(0);
	}

	@Test
	void directionComparesTheRoundedAveragesWithAThresholdOfThreeQuarters() {
		assertThat(TrendAggregation.direction(new Average(5.75, 3.0, 2), new Average(5.0, 3.0, 2)))
			.isEqualTo(Direction.UP);
		assertThat(TrendAggregation.direction(new Average(5.74, 3.0, 2), new Average(5.0, 3.0, 2)))
			.isEqualTo(Direction.FLAT);
		assertThat(TrendAggregation.direction(new Average(4.25, 3.0, 2), new Average(5.0, 3.0, 2)))
			.isEqualTo(Direction.DOWN);
		assertThat(TrendAggregation.direction(new Average(4.26, 3.0, 2), new Average(5.0, 3.0, 2)))
			.isEqualTo(Direction.FLAT);
		assertThat(TrendAggregation.direction(new Average(5.0, 3.0, 2), new Average(5.0, 9.0, 2)))
			.isEqualTo(Direction.FLAT);
	}

	@Test
	void directionFollowsTheShownNumbersNotTheUnroundedOnes() {
		// 40/7 = 5.71 against 99/20 = 4.95 is 0.76 apart, but shows as 5.7 and 5.0
		List<Point> flat = new ArrayList<>(moods(0, 6, 6, 6, 6, 6, 5, 5));
		flat.addAll(repeated(7, 19, 5));
		flat.addAll(moods(7, 4));
		// 23/4 = 5.75 against 126/25 = 5.04 is 0.71 apart, but shows as 5.8 and 5.0
		List<Point> up = new ArrayList<>(moods(0, 5, 6, 6, 6));
		up.addAll(repeated(8, 24, 5));
		up.addAll(moods(8, 6));

		Trends flatTrends = TrendAggregation.of(flat, TODAY, 30, "UTC");
		Trends upTrends = TrendAggregation.of(up, TODAY, 30, "UTC");

		assertThat(flatTrends.average7().mood()).isEqualTo(5.7);
		assertThat(flatTrends.previous7().mood()).isEqualTo(5.0);
		assertThat(flatTrends.direction()).isEqualTo(Direction.FLAT);
		assertThat(upTrends.average7().mood()).isEqualTo(5.8);
		assertThat(upTrends.previous7().mood()).isEqualTo(5.0);
		assertThat(upTrends.direction()).isEqualTo(Direction.UP);
	}

	@Test
	void directionNeedsTwoCheckInsInBothWindows() {
		assertThat(TrendAggregation.of(List.of(at(0, 9, 1), at(1, 9, 1), at(8, 1, 1)), TODAY, 7, "UTC").direction())
			.isNull();
		assertThat(TrendAggregation.of(List.of(at(0, 9, 1), at(8, 1, 1), at(9, 1, 1)), TODAY, 7, "UTC").direction())
			.isNull();
		assertThat(TrendAggregation.of(List.of(at(0, 2, 1), at(1, 2, 1), at(8, 9, 1), at(9, 9, 1)), TODAY, 7, "UTC")
			.direction()).isEqualTo(Direction.DOWN);
	}

	@Test
	void weekdaysAreSevenIsoDaysMondayFirst() {
		// TODAY is a Monday; 1 day back is Sunday, 2 days back Saturday
		List<Point> points = List.of(at(0, 6, 4), at(7, 8, 2), at(1, 3, 9), at(2, 5, 5));

		Trends trends = TrendAggregation.of(points, TODAY, 30, "UTC");

		assertThat(trends.weekdays()).extracting(Weekday::weekday).containsExactly(1, 2, 3, 4, 5, 6, 7);
		assertThat(trends.weekdays().get(0)).isEqualTo(new Weekday(1, 7.0, 3.0, 2));
		assertThat(trends.weekdays().get(5)).isEqualTo(new Weekday(6, 5.0, 5.0, 1));
		assertThat(trends.weekdays().get(6)).isEqualTo(new Weekday(7, 3.0, 9.0, 1));
		assertThat(trends.weekdays().get(2)).isEqualTo(new Weekday(3, null, null, 0));
	}

	@Test
	void tagsComeWithTheMoodWithAndWithoutThemLowestDifferenceFirst() {
		List<Point> points = List.of(at(0, 3, 8, "school", "sleep"), at(1, 4, 7, "school"), at(2, 8, 2, "sport"),
				at(3, 9, 1, "sport", "friends"), at(4, 6, 5, "sleep"));

		Trends trends = TrendAggregation.of(points, TODAY, 30, "UTC");

		assertThat(trends.tags())
			.extracting(TagTrend::tag, TagTrend::count, TagTrend::moodWith, TagTrend::moodWithout, TagTrend::difference)
			.containsExactly(tuple("school", 2, 3.5, 7.7, -4.2), tuple("sleep", 2, 4.5, 7.0, -2.5),
					tuple("friends", 1, 9.0, 5.3, 3.7), tuple("sport", 2, 8.5, 4.3, 4.2));
		assertThat(trends.lowMoodTags()).containsExactly("school", "sleep");
		assertThat(trends.highMoodTags()).containsExactly("sport");
	}

	@Test
	void aLowMoodTagNeedsTwoCheckInsAndADifferenceOfAtLeastOne() {
		List<Point> once = List.of(at(0, 1, 5, "money"), at(1, 6, 5), at(2, 6, 5));
		List<Point> almost = new ArrayList<>(List.of(at(0, 5, 5, "alone"), at(1, 5, 5, "alone")));
		almost.addAll(repeated(2, 9, 6));
		almost.addAll(moods(3, 5));
		List<Point> exactlyOne = List.of(at(0, 4, 5, "alone"), at(1, 4, 5, "alone"), at(2, 5, 5), at(3, 5, 5));

		Trends onceTrends = TrendAggregation.of(once, TODAY, 30, "UTC");
		Trends almostTrends = TrendAggregation.of(almost, TODAY, 30, "UTC");
		Trends exactlyOneTrends = TrendAggregation.of(exactlyOne, TODAY, 30, "UTC");

		assertThat(onceTrends.tags().get(0).difference()).isEqualTo(-5.0);
		assertThat(onceTrends.lowMoodTags()).isEmpty();
		assertThat(almostTrends.tags().get(0).difference()).isEqualTo(-0.9);
		assertThat(almostTrends.lowMoodTags()).isEmpty();
		assertThat(exactlyOneTrends.tags().get(0).difference()).isEqualTo(-1.0);
		assertThat(exactlyOneTrends.lowMoodTags()).containsExactly("alone");
	}

	@Test
	void aHighMoodTagNeedsTwoCheckInsAndADifferenceOfAtLeastOne() {
		List<Point> once = List.of(at(0, 10, 5, "friends"), at(1, 5, 5), at(2, 5, 5));
		List<Point> almost = new ArrayList<>(List.of(at(0, 6, 5, "sport"), at(1, 6, 5, "sport")));
		almost.addAll(repeated(2, 9, 5));
		almost.addAll(moods(3, 6));
		List<Point> exactlyOne = List.of(at(0, 6, 5, "sport"), at(1, 6, 5, "sport"), at(2, 5, 5), at(3, 5, 5));

		Trends onceTrends = TrendAggregation.of(once, TODAY, 30, "UTC");
		Trends almostTrends = TrendAggregation.of(almost, TODAY, 30, "UTC");
		Trends exactlyOneTrends = TrendAggregation.of(exactlyOne, TODAY, 30, "UTC");

		assertThat(onceTrends.tags().get(0).difference()).isEqualTo(5.0);
		assertThat(onceTrends.highMoodTags()).isEmpty();
		assertThat(almostTrends.tags().get(0).difference()).isEqualTo(0.9);
		assertThat(almostTrends.highMoodTags()).isEmpty();
		assertThat(exactlyOneTrends.tags().get(0).difference()).isEqualTo(1.0);
		assertThat(exactlyOneTrends.highMoodTags()).containsExactly("sport");
		assertThat(exactlyOneTrends.lowMoodTags()).isEmpty();
	}

	@Test
	void highMoodTagsComeLargestDifferenceFirst() {
		List<Point> points = List.of(at(0, 9, 5, "friends", "sport"), at(1, 9, 5, "friends", "sport"),
				at(2, 8, 5, "hobbies", "sport"), at(3, 8, 5, "hobbies"), at(4, 2, 5), at(5, 2, 5));

		Trends trends = TrendAggregation.of(points, TODAY, 30, "UTC");

		assertThat(trends.tags()).extracting(TagTrend::tag, TagTrend::difference)
			.containsExactly(tuple("hobbies", 2.5), tuple("friends", 4.0), tuple("sport", 4.7));
		assertThat(trends.highMoodTags()).containsExactly("sport", "friends", "hobbies");
	}

	@Test
	void aTagOnEveryCheckInHasNoDifferenceAndComesLast() {
		List<Point> points = List.of(at(0, 2, 5, "school", "sleep"), at(1, 4, 5, "school"));

		Trends trends = TrendAggregation.of(points, TODAY, 30, "UTC");

		assertThat(trends.tags()).extracting(TagTrend::tag, TagTrend::moodWithout, TagTrend::difference)
			.containsExactly(tuple("sleep", 4.0, -2.0), tuple("school", null, null));
		assertThat(trends.lowMoodTags()).isEmpty();
		assertThat(trends.highMoodTags()).isEmpty();
	}

	@Test
	void equalDifferencesAreOrderedByCountThenName() {
		List<Point> points = List.of(at(0, 5, 5, "sport", "hobbies"), at(1, 5, 5, "sport"), at(2, 5, 5, "friends"),
				at(3, 5, 5));

		assertThat(TrendAggregation.of(points, TODAY, 30, "UTC").tags()).extracting(TagTrend::tag)
			.containsExactly("sport", "friends", "hobbies");
	}

	@Test
	void withoutCheckInsEverythingIsEmptyButComplete() {
		Trends trends = TrendAggregation.of(List.of(), TODAY, 7, "Europe/Amsterdam");

		assertThat(trends.days()).hasSize(7).allSatisfy((day) -> {
			assertThat(day.mood()).isNull();
			assertThat(day.stress()).isNull();
			assertThat(day.count()).isZero();
		});
		assertThat(trends.weekdays()).hasSize(7).extracting(Weekday::mood).containsOnlyNulls();
		assertThat(trends.average7()).isEqualTo(new Average(null, null, 0));
		assertThat(trends.previous7()).isEqualTo(new Average(null, null, 0));
		assertThat(trends.average30()).isEqualTo(new Average(null, null, 0));
		assertThat(trends.direction()).isNull();
		assertThat(trends.tags()).isEmpty();
		assertThat(trends.lowMoodTags()).isEmpty();
	}

	@Test
	void theSummaryIsTheSevenDayWindowsAndTheirDirection() {
		List<Point> points = List.of(at(0, 8, 3), at(3, 9, 3), at(7, 5, 3), at(12, 6, 3), at(20, 1, 1));

		TrendAggregation.Summary summary = TrendAggregation.summary(points, TODAY);

		assertThat(summary.average7()).isEqualTo(new Average(8.5, 3.0, 2));
		assertThat(summary.previous7()).isEqualTo(new Average(5.5, 3.0, 2));
		assertThat(summary.direction()).isEqualTo(Direction.UP);
	}

	private static Point at(int daysAgo, int mood, int stress, String... tags) {
		return new Point(TODAY.minusDays(daysAgo), mood, stress, List.of(tags));
	}

	private static List<Point> repeated(int daysAgo, int times, int mood) {
		List<Point> points = new ArrayList<>();
		for (int i = 0; i < times; i++) {
			points.add(at(daysAgo, mood, 5));
		}
		return points;
	}

	private static List<Point> moods(int daysAgo, int... moods) {
		List<Point> points = new ArrayList<>();
		for (int mood : moods) {
			points.add(at(daysAgo, mood, 5));
		}
		return points;
	}

}
