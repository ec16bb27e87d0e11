package be.cocon.safety;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Runs the {@link RiskDetector} over labelled files ({@code language<TAB>label<TAB>text},
 * label {@code NONE} or a {@link Category}) and prints, for each, precision and recall
 * overall, per language, per category and per language and category, followed by every
 * misclassified line; with several files also their union; then the time one assessment
 * of a 500-character message takes.
 */
public final class DetectorReport {

	static final String DEFAULT_FILE = "src/test/resources/safety/evaluation.tsv";

	private DetectorReport() {
	}

	/**
	 * Print the report of each file given (default: the development set), then, when
	 * there are several, of their union, then the time one assessment takes.
	 * @param args labelled files ({@code language<TAB>label<TAB>text})
	 */
	public static void main(String[] args) {
		List<Path> files = new ArrayList<>();
		for (String arg : args) {
			files.add(Path.of(arg));
		}
		if (files.isEmpty()) {
			Path file = Path.of(DEFAULT_FILE);
			files.add(Files.exists(file) ? file : Path.of("backend").resolve(DEFAULT_FILE));
		}
		LexiconRiskDetector detector = new LexiconRiskDetector();
		List<Example> union = new ArrayList<>();
		for (Path file : files) {
			List<Example> examples = read(file);
			union.addAll(examples);
			System.out.println("== " + file);
			System.out.println(evaluate(detector, examples).report());
		}
		if (files.size() > 1) {
			System.out.println("== union of " + files.size() + " files");
			System.out.println(evaluate(detector, union).summary());
		}
		System.out.println(timing(detector));
	}

	/**
	 * The time one assessment of a 500-character message takes, after warm-up: the best
	 * of five rounds (least disturbed by other load on the machine) and the mean of all,
	 * for ordinary chat and for a message full of risk words.
	 * @param detector the detector
	 * @return a printable line per kind of message
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
			StringBuilder text = new StringBuilder();
			while (text.length() < 500) {
				text.append(kind[1]);
			}
			String message = text.substring(0, 500);
			for (int i = 0; i < 5000; i++) {
				detector.assess(message, (i % 2 == 0) ? "nl" : "en");
			}
			int runs = 2000;
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

	static List<Example> read(Path file) {
		try {
			List<Example> examples = new ArrayList<>();
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			for (int i = 1; i < lines.size(); i++) {
				String line = lines.get(i);
				if (line.isBlank()) {
					continue;
				}
				String[] columns = line.split("\t", 3);
				if (columns.length != 3) {
					throw new IllegalArgumentException(file + " line " + (i + 1) + " does not have three columns");
				}
				Category label = "NONE".equals(columns[1]) ? null : Category.valueOf(columns[1]);
				examples.add(new Example(i + 1, columns[0], label, columns[2]));
			}
			return examples;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	static Evaluation evaluate(RiskDetector detector, List<Example> examples) {
		List<Outcome> outcomes = examples.stream()
			.map((example) -> new Outcome(example, detector.assess(example.text(), example.language())))
			.toList();
		return new Evaluation(outcomes);
	}

	/**
	 * One labelled line.
	 *
	 * @param line the line number in the file
	 * @param language the language code
	 * @param label the expected category, {@code null} for NONE
	 * @param text the message
	 */
	record Example(int line, String language, @Nullable Category label, String text) {

		boolean risky() {
			return this.label != null;
		}

	}

	record Outcome(Example example, RiskAssessment assessment) {

		boolean correct() {
			return this.assessment.risky() == this.example.risky()
					&& Objects.equals(this.assessment.category(), this.example.label());
		}

	}

	/**
	 * Counts for one slice of the outcomes.
	 *
	 * @param truePositives risky and detected
	 * @param falsePositives detected but not risky
	 * @param falseNegatives risky but missed
	 */
	record Score(int truePositives, int falsePositives, int falseNegatives) {

		double precision() {
			int detected = this.truePositives + this.falsePositives;
			return (detected == 0) ? 1.0 : (double) this.truePositives / detected;
		}

		double recall() {
			int actual = this.truePositives + this.falseNegatives;
			return (actual == 0) ? 1.0 : (double) this.truePositives / actual;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "precision %.3f  recall %.3f  (tp %d, fp %d, fn %d)", precision(),
					recall(), this.truePositives, this.falsePositives, this.falseNegatives);
		}

	}

	record Evaluation(List<Outcome> outcomes) {

		/**
		 * Risky versus not risky, whatever the category.
		 * @param language a language code, or {@code null} for all
		 * @return the score
		 */
		Score risk(@Nullable String language) {
			return score((outcome) -> language == null || outcome.example().language().equals(language),
					(outcome) -> outcome.example().risky(), (outcome) -> outcome.assessment().risky());
		}

		/**
		 * One category against the rest.
		 * @param category the category
		 * @return the score
		 */
		Score category(Category category) {
			return category(null, category);
		}

		/**
		 * One category against the rest, within one language.
		 * @param language a language code, or {@code null} for all
		 * @param category the category
		 * @return the score
		 */
		Score category(@Nullable String language, Category category) {
			return score((outcome) -> language == null || outcome.example().language().equals(language),
					(outcome) -> outcome.example().label() == category,
					(outcome) -> outcome.assessment().category() == category);
		}

		List<Outcome> misclassified() {
			return this.outcomes.stream().filter((outcome) -> !outcome.correct()).toList();
		}

		private Score score(Predicate<Outcome> scope, Predicate<Outcome> actual, Predicate<Outcome> predicted) {
			int tp = 0;
			int fp = 0;
			int fn = 0;
			for (Outcome outcome : this.outcomes) {
				if (!scope.test(outcome)) {
					continue;
				}
				boolean a = actual.test(outcome);
				boolean p = predicted.test(outcome);
				tp += (a && p) ? 1 : 0;
				fp += (!a && p) ? 1 : 0;
				fn += (a && !p) ? 1 : 0;
			}
			return new Score(tp, fp, fn);
		}

		String summary() {
			StringBuilder report = new StringBuilder();
			report.append("Risk detector evaluation: ").append(this.outcomes.size()).append(" messages\n");
			report.append(String.format(Locale.ROOT, "  %-10s %s%n", "overall", risk(null)));
			for (String language : List.of("nl", "en")) {
				report.append(String.format(Locale.ROOT, "  %-10s %s%n", language, risk(language)));
			}
			for (Category category : Category.values()) {
				report.append(String.format(Locale.ROOT, "  %-10s %s%n", category, category(category)));
			}
			for (String language : List.of("nl", "en")) {
				for (Category category : Category.values()) {
					report.append(String.format(Locale.ROOT, "  %-2s %-10s %s%n", language, category,
							category(language, category)));
				}
			}
			return report.toString();
		}

		String report() {
			StringBuilder report = new StringBuilder(summary());
			List<Outcome> wrong = misclassified();
			report.append("Misclassified: ").append(wrong.size()).append('\n');
			for (Outcome outcome : wrong) {
				Example example = outcome.example();
				RiskAssessment assessment = outcome.assessment();
				report.append(String.format(Locale.ROOT, "  line %d [%s] expected %s, got %s %s %s: %s%n",
						example.line(), example.language(), (example.label() != null) ? example.label() : "NONE",
						(assessment.category() != null) ? assessment.category() : "NONE",
						(assessment.severity() != null) ? assessment.severity() : "", assessment.matchedRules(),
						example.text()));
			}
			return report.toString();
		}

	}

}
