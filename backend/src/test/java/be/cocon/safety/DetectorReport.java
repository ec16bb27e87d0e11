package be.cocon.safety;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import be.cocon.safety.RiskDetector.Turn;
import be.cocon.safety.RiskModel.Labelled;

/**
 * Runs the risk detector over labelled files
 * ({@code language, label, [phenomenon,] text}; label {@code NONE} or a {@link Category};
 * a sequence's turns separated by {@code " || "}, the therapist's turns starting with
 * {@code "T: "}) and prints recall and precision overall, per language, per category, per
 * language and category, for single messages and for sequences, then every miss and every
 * false alarm, then the time one assessment takes.
 * <p>
 * A risky item counts as caught when it is flagged at all (HIGH, MEDIUM or REVIEW: it
 * reaches a person); "card recall" counts only HIGH and MEDIUM. Precision is that of the
 * flags that show the crisis card (HIGH and MEDIUM). A sequence is read as the app reads
 * a conversation: each of the young person's turns with the turns before it, and the most
 * urgent assessment counts.
 */
public final class DetectorReport {

	static final String TEST_SET = "src/test/resources/safety/corpus/test.tsv";

	private DetectorReport() {
	}

	/**
	 * Print the report of each file given (default: the frozen test split), then the time
	 * one assessment takes.
	 * @param args labelled files
	 */
	public static void main(String[] args) {
		List<Path> files = new ArrayList<>();
		for (String arg : args) {
			files.add(Path.of(arg));
		}
		if (files.isEmpty()) {
			Path file = Path.of(TEST_SET);
			files.add(Files.exists(file) ? file : Path.of("backend").resolve(TEST_SET));
		}
		long start = System.nanoTime();
		CombinedRiskDetector detector = new CombinedRiskDetector();
		System.out.printf(Locale.ROOT, "Model trained in %.1f s%n", (System.nanoTime() - start) / 1e9);
		for (Path file : files) {
			List<Outcome> outcomes = read(file).stream().map((example) -> run(detector, example)).toList();
			System.out.println("== " + file);
			System.out.println(report(outcomes));
			System.out.println(misses(outcomes));
		}
		System.out.println(timing(detector));
	}

	static List<Labelled> read(Path file) {
		try {
			return Labelled.parse(Files.readAllLines(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	/**
	 * Assess one labelled item: a message on its own, a sequence at its last message of
	 * the young person, read with the turns before it (what the label describes).
	 */
	static Outcome run(RiskDetector detector, Labelled example) {
		if (!example.sequence()) {
			return new Outcome(example, detector.assess(example.text(), example.language()));
		}
		List<Turn> earlier = new ArrayList<>();
		RiskAssessment last = RiskAssessment.none();
		for (String turn : example.turns()) {
			boolean therapist = turn.startsWith("T: ");
			String text = Labelled.withoutSpeaker(turn);
			if (!therapist) {
				last = detector.assess(text, example.language(), List.copyOf(earlier));
			}
			earlier.add(new Turn(text, !therapist));
		}
		return new Outcome(example, last);
	}

	/** The figures per slice. */
	static String report(List<Outcome> outcomes) {
		Map<String, Predicate<Outcome>> slices = new LinkedHashMap<>();
		slices.put("overall", (o) -> true);
		slices.put("single messages", (o) -> !o.example().sequence());
		slices.put("sequences", (o) -> o.example().sequence());
		for (String language : List.of("nl", "en")) {
			slices.put(language, (o) -> o.example().language().equals(language));
		}
		for (Category category : Category.values()) {
			slices.put(category.name(), inCategory(category));
		}
		for (String language : List.of("nl", "en")) {
			for (Category category : Category.values()) {
				slices.put(language + " " + category,
						inCategory(category).and((o) -> o.example().language().equals(language)));
			}
		}
		StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "%d items (%d risky, %d sequences)%n",
				outcomes.size(), outcomes.stream().filter((o) -> o.example().risky()).count(),
				outcomes.stream().filter((o) -> o.example().sequence()).count()));
		slices.forEach((name, slice) -> report
			.append(String.format(Locale.ROOT, "  %-16s %s%n", name, line(outcomes.stream().filter(slice).toList()))));
		return report.toString();
	}

	/**
	 * A category slice holds the risky items of that category and every item the detector
	 * put in it, so both its recall and its precision can be read.
	 */
	private static Predicate<Outcome> inCategory(Category category) {
		return (o) -> o.example().label().equals(category.name())
				|| (o.assessment().risky() && o.assessment().category() == category);
	}

	static String line(List<Outcome> outcomes) {
		Score score = Score.of(outcomes);
		return String.format(Locale.ROOT,
				"recall %.3f (%d/%d)  card recall %.3f  card precision %.3f (%d/%d)  benign HIGH %d  benign REVIEW %d",
				score.recall(), score.caught(), score.risky(), score.cardRecall(), score.cardPrecision(),
				score.rightCards(), score.cards(), score.benignHigh(), score.benignReview());
	}

	/** The lowest recall of any language or category slice. */
	static double minimumRecall(List<Outcome> outcomes) {
		double minimum = 1.0;
		for (String language : List.of("nl", "en")) {
			minimum = Math.min(minimum,
					Score.of(outcomes.stream().filter((o) -> o.example().language().equals(language)).toList())
						.recall());
		}
		for (Category category : Category.values()) {
			minimum = Math.min(minimum,
					Score.of(outcomes.stream().filter((o) -> o.example().label().equals(category.name())).toList())
						.recall());
		}
		return minimum;
	}

	static String misses(List<Outcome> outcomes) {
		StringBuilder out = new StringBuilder("Misses (risky, not flagged):\n");
		outcomes.stream()
			.filter((o) -> o.example().risky() && !o.assessment().flagged())
			.forEach((o) -> out.append("  ").append(o.describe()).append('\n'));
		out.append("Risky, only REVIEW:\n");
		outcomes.stream()
			.filter((o) -> o.example().risky() && o.assessment().severity() == Severity.REVIEW)
			.forEach((o) -> out.append("  ").append(o.describe()).append('\n'));
		out.append("False crisis cards (benign, HIGH or MEDIUM):\n");
		outcomes.stream()
			.filter((o) -> !o.example().risky() && o.assessment().risky())
			.forEach((o) -> out.append("  ").append(o.describe()).append('\n'));
		out.append("Benign, REVIEW:\n");
		outcomes.stream()
			.filter((o) -> !o.example().risky() && o.assessment().severity() == Severity.REVIEW)
			.forEach((o) -> out.append("  ").append(o.describe()).append('\n'));
		return out.toString();
	}

	/**
	 * The time one assessment of a 500-character message takes, after warm-up: the best
	 * of five rounds and the mean of all, for ordinary chat and for risk words.
	 */
	static String timing(RiskDetector detector) {
		String chat = "ik weet niet goed wat ik moet zeggen maar het gaat echt niet goed met mij, op school lacht "
				+ "iedereen mij uit en thuis is er altijd ruzie, i don't really know how to say this but things are "
				+ "really bad lately, everyone at school ignores me and my parents keep fighting, ";
		String risky = "k wil ni meer leven, ik heb mezelf weer gesneden en mijn pa slaat me, ik ga hem neersteken, "
				+ "niemand zou me missen, i want to die, my stepdad hits me when he's drunk, i cut again last night, "
				+ "they said they're gonna jump me after school, everyone would be better off without me, ";
		StringBuilder report = new StringBuilder();
		for (String[] kind : new String[][] { { "chat", chat }, { "risk words", risky } }) {
			String message = kind[1].repeat(3).substring(0, 500);
			for (int i = 0; i < 2000; i++) {
				detector.assess(message, (i % 2 == 0) ? "nl" : "en");
			}
			int runs = 1000;
			double best = Double.MAX_VALUE;
			double total = 0;
			for (int round = 0; round < 5; round++) {
				long start = System.nanoTime();
				for (int i = 0; i < runs; i++) {
					detector.assess(message, (i % 2 == 0) ? "nl" : "en");
				}
				double micros = (System.nanoTime() - start) / 1000.0 / runs;
				best = Math.min(best, micros);
				total += micros;
			}
			report.append(String.format(Locale.ROOT,
					"Timing (%s): %.0f microseconds per 500-character message (best round), %.0f (mean of 5 x %d)%n",
					kind[0], best, total / 5, runs));
		}
		return report.toString();
	}

	/**
	 * What the detector made of one labelled item.
	 *
	 * @param example the item
	 * @param assessment the most urgent assessment
	 */
	record Outcome(Labelled example, RiskAssessment assessment) {

		String describe() {
			return String.format(Locale.ROOT, "[%s %s/%s] %s -> %s %s %s", this.example.language(),
					this.example.label(), this.example.phenomenon(), this.example.text(), this.assessment.severity(),
					this.assessment.category(), this.assessment.matchedRules());
		}

	}

	/**
	 * Counts for one slice.
	 *
	 * @param risky risky items
	 * @param caught risky items flagged at all
	 * @param carded risky items shown the card
	 * @param cards items shown the card
	 * @param rightCards risky items shown the card
	 * @param benignHigh benign items rated HIGH
	 * @param benignReview benign items rated REVIEW
	 */
	record Score(int risky, int caught, int carded, int cards, int rightCards, int benignHigh, int benignReview) {

		static Score of(List<Outcome> outcomes) {
			int risky = 0;
			int caught = 0;
			int carded = 0;
			int cards = 0;
			int rightCards = 0;
			int benignHigh = 0;
			int benignReview = 0;
			for (Outcome o : outcomes) {
				boolean isRisky = o.example().risky();
				RiskAssessment a = o.assessment();
				risky += isRisky ? 1 : 0;
				caught += (isRisky && a.flagged()) ? 1 : 0;
				carded += (isRisky && a.risky()) ? 1 : 0;
				cards += a.risky() ? 1 : 0;
				rightCards += (isRisky && a.risky()) ? 1 : 0;
				benignHigh += (!isRisky && a.severity() == Severity.HIGH) ? 1 : 0;
				benignReview += (!isRisky && a.severity() == Severity.REVIEW) ? 1 : 0;
			}
			return new Score(risky, caught, carded, cards, rightCards, benignHigh, benignReview);
		}

		double recall() {
			return (this.risky == 0) ? 1.0 : (double) this.caught / this.risky;
		}

		double cardRecall() {
			return (this.risky == 0) ? 1.0 : (double) this.carded / this.risky;
		}

		double cardPrecision() {
			return (this.cards == 0) ? 1.0 : (double) this.rightCards / this.cards;
		}

	}

}
