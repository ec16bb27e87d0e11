package be.cocon.safety;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import be.cocon.safety.EscalationDocument.Outcome;
import be.cocon.safety.EscalationDocument.Source;
import be.cocon.safety.SafetyStats.Durations;
import be.cocon.safety.SafetyStats.Reviews;

/**
 * The figures for staff, counted as things happen into one document per calendar day
 * ({@code safety_daily}, {@code _id} = the ISO date in {@code cocon.safety.stats-zone}),
 * so reading a period is one look-up of its days by id and never a scan of the
 * escalations. Response times keep up to {@link #SAMPLES_KEPT} samples a day (all are
 * counted) for the medians. A figure that fails to count is logged and never fails what
 * it counts.
 */
@Component
class SafetyFigures {

	static final String COLLECTION = "safety_daily";

	static final int SAMPLES_KEPT = 1000;

	static final String UNKNOWN = "UNKNOWN";

	private static final Logger log = LoggerFactory.getLogger(SafetyFigures.class);

	private static final String CLAIM = "claim";

	private static final String RESOLVE = "resolve";

	private final MongoTemplate mongo;

	private final Escalations escalations;

	private final ZoneId zone;

	private final Clock clock;

	private final MeterRegistry meters;

	SafetyFigures(MongoTemplate mongo, Escalations escalations, SafetySettings settings, Clock clock,
			MeterRegistry meters) {
		this.mongo = mongo;
		this.escalations = escalations;
		this.zone = settings.statsZone();
		this.clock = clock;
		this.meters = meters;
	}

	/** An escalation or review item opened, with its first signal's severity. */
	void opened(Instant at, Severity severity, @Nullable Category category, Source source) {
		count(at,
				new Update().inc("opened." + severity.name(), 1)
					.inc("category." + ((category != null) ? category.name() : UNKNOWN), 1)
					.inc("source." + source.name(), 1));
	}

	/**
	 * A review item became an escalation (raised by a later signal or by a moderator).
	 */
	void reviewEscalated(Instant at) {
		count(at, new Update().inc("reviews.escalated", 1));
	}

	void claimed(Instant at, Duration took) {
		sample(at, CLAIM, took, new Update());
	}

	/** Resolved with an outcome; a dismissed review item counts as DISMISSED. */
	void resolved(Instant at, Outcome outcome, Duration took) {
		Update update = new Update().inc("outcomes." + outcome.name(), 1);
		if (outcome == Outcome.DISMISSED) {
			update.inc("reviews.dismissed", 1);
		}
		sample(at, RESOLVE, took, update);
	}

	/** The figures of the last {@code days} days, today included. */
	SafetyStats lastDays(int days) {
		LocalDate to = LocalDate.ofInstant(this.clock.instant(), this.zone);
		LocalDate from = to.minusDays(days - 1L);
		List<String> ids = from.datesUntil(to.plusDays(1)).map(LocalDate::toString).toList();
		Map<String, Document> stored = this.mongo
			.find(Query.query(Criteria.where("_id").in(ids)), Document.class, COLLECTION)
			.stream()
			.collect(Collectors.toMap((day) -> day.getString("_id"), Function.identity()));
		Totals totals = new Totals();
		List<SafetyStats.Day> perDay = new ArrayList<>();
		for (String id : ids) {
			Document day = stored.getOrDefault(id, new Document());
			totals.add(day);
			Document opened = section(day, "opened");
			perDay.add(new SafetyStats.Day(id, number(opened, Severity.HIGH.name()),
					number(opened, Severity.MEDIUM.name()), number(opened, Severity.REVIEW.name())));
		}
		return new SafetyStats(from.toString(), to.toString(), this.zone.getId(), perDay, totals.bySeverity,
				totals.byCategory, totals.bySource,
				new Reviews(totals.bySeverity.get(Severity.REVIEW.name()), totals.dismissed, totals.escalated,
						this.escalations.openReviews()),
				totals.outcomes, durations(totals.claims, totals.claimSamples),
				durations(totals.resolutions, totals.resolveSamples));
	}

	private void count(Instant at, Update update) {
		try {
			this.mongo.upsert(Query.query(Criteria.where("_id").is(dayOf(at))), update, COLLECTION);
		}
		catch (RuntimeException ex) {
			failed(ex);
		}
	}

	private void sample(Instant at, String field, Duration took, Update counters) {
		String day = dayOf(at);
		double seconds = Math.max(0, took.toMillis()) / 1000.0;
		try {
			this.mongo.upsert(Query.query(Criteria.where("_id").is(day)), counters.inc(field + ".n", 1), COLLECTION);
			// the first samples of the day are kept; all are counted
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(day).and(field + ".n").lte(SAMPLES_KEPT)),
					new Update().push(field + ".s", seconds), COLLECTION);
		}
		catch (RuntimeException ex) {
			failed(ex);
		}
	}

	private void failed(RuntimeException ex) {
		this.meters.counter("cocon.safety.figures.failures").increment();
		log.warn("A safety figure could not be counted", ex);
	}

	private String dayOf(Instant at) {
		return LocalDate.ofInstant(at, this.zone).toString();
	}

	private static Durations durations(long count, List<Double> samples) {
		double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return new Durations(count, percentile(sorted, 0.5), percentile(sorted, 0.9));
	}

	/** Linear interpolation between the nearest ranks; null without samples. */
	static @Nullable Double percentile(double[] sorted, double p) {
		if (sorted.length == 0) {
			return null;
		}
		double rank = p * (sorted.length - 1);
		int below = (int) Math.floor(rank);
		int above = (int) Math.ceil(rank);
		double value = sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
		return Math.round(value * 10) / 10.0;
	}

	private static Document section(Document day, String name) {
		Object section = day.get(name);
		return (section instanceof Document document) ? document : new Document();
	}

	private static long number(Document section, String key) {
		Object value = section.get(key);
		return (value instanceof Number n) ? n.longValue() : 0;
	}

	/** Sums over the days of a period, every key present (zeros included). */
	private static final class Totals {

		final Map<String, Long> bySeverity = zeros(Severity.values());

		final Map<String, Long> byCategory = withUnknown(zeros(Category.values()));

		final Map<String, Long> bySource = zeros(Source.values());

		final Map<String, Long> outcomes = zeros(Outcome.values());

		long dismissed;

		long escalated;

		long claims;

		long resolutions;

		final List<Double> claimSamples = new ArrayList<>();

		final List<Double> resolveSamples = new ArrayList<>();

		void add(Document day) {
			addAll(this.bySeverity, section(day, "opened"));
			addAll(this.byCategory, section(day, "category"));
			addAll(this.bySource, section(day, "source"));
			addAll(this.outcomes, section(day, "outcomes"));
			Document reviews = section(day, "reviews");
			this.dismissed += number(reviews, "dismissed");
			this.escalated += number(reviews, "escalated");
			Document claim = section(day, CLAIM);
			this.claims += number(claim, "n");
			this.claimSamples.addAll(samples(claim));
			Document resolve = section(day, RESOLVE);
			this.resolutions += number(resolve, "n");
			this.resolveSamples.addAll(samples(resolve));
		}

		private static void addAll(Map<String, Long> totals, Document section) {
			totals.replaceAll((key, total) -> total + number(section, key));
		}

		private static List<Double> samples(Document section) {
			Object samples = section.get("s");
			if (!(samples instanceof List<?> list)) {
				return List.of();
			}
			return list.stream()
				.filter(Number.class::isInstance)
				.map((value) -> ((Number) value).doubleValue())
				.toList();
		}

		private static Map<String, Long> zeros(Enum<?>[] keys) {
			Map<String, Long> zeros = new LinkedHashMap<>();
			Arrays.stream(keys).forEach((key) -> zeros.put(key.name(), 0L));
			return zeros;
		}

		private static Map<String, Long> withUnknown(Map<String, Long> map) {
			map.put(UNKNOWN, 0L);
			return map;
		}

	}

}
