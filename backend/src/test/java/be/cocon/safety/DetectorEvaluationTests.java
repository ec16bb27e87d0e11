package be.cocon.safety;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import be.cocon.safety.DetectorReport.Evaluation;
import be.cocon.safety.DetectorReport.Example;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scores the detector on the labelled sets described in {@code safety/README.md}:
 * {@code evaluation.tsv} (development set), {@code blind.tsv} (written before the rules
 * were reworked; its first-run figures are in the README, since then it has been used to
 * improve the rules), their union, and {@code unseen.tsv} and {@code holdout.tsv}, which
 * the rules were not tuned on.
 */
class DetectorEvaluationTests {

	private static final String SETS = "src/test/resources/safety/";

	private static List<Example> development;

	private static List<Example> blind;

	private static Evaluation developmentScore;

	private static Evaluation blindScore;

	private static Evaluation unionScore;

	@BeforeAll
	static void evaluate() {
		LexiconRiskDetector detector = new LexiconRiskDetector();
		development = DetectorReport.read(Path.of(DetectorReport.DEFAULT_FILE));
		blind = DetectorReport.read(Path.of(SETS + "blind.tsv"));
		List<Example> union = new ArrayList<>(development);
		union.addAll(blind);
		developmentScore = DetectorReport.evaluate(detector, development);
		blindScore = DetectorReport.evaluate(detector, blind);
		unionScore = DetectorReport.evaluate(detector, union);
		System.out.println("Development set (evaluation.tsv):");
		System.out.println(developmentScore.report());
		System.out.println("Blind set (blind.tsv), no longer blind: the rules were improved on it:");
		System.out.println(blindScore.report());
		System.out.println("Union of the development and blind sets:");
		System.out.println(unionScore.summary());
	}

	@Test
	void evaluationSetIsLargeBalancedAndHard() {
		assertLargeBalancedAndHard(development, 320, 3);
	}

	@Test
	void blindSetIsLargeBalancedAndHard() {
		assertLargeBalancedAndHard(blind, 240, 5.0 / 2);
	}

	private static void assertLargeBalancedAndHard(List<Example> examples, int size, double noneShare) {
		assertThat(examples).hasSizeGreaterThanOrEqualTo(size);
		long dutch = examples.stream().filter((example) -> example.language().equals("nl")).count();
		long english = examples.stream().filter((example) -> example.language().equals("en")).count();
		assertThat(dutch + english).isEqualTo(examples.size());
		assertThat(Math.abs(dutch - english)).isLessThanOrEqualTo(examples.size() / 5);
		long none = examples.stream().filter((example) -> !example.risky()).count();
		assertThat(none * noneShare).isGreaterThanOrEqualTo(examples.size());
		for (Category category : Category.values()) {
			assertThat(examples).anyMatch((example) -> example.label() == category);
		}
	}

	@Test
	void overallRecallAndPrecision() {
		assertThat(developmentScore.risk(null).recall()).isGreaterThanOrEqualTo(0.95);
		assertThat(developmentScore.risk(null).precision()).isGreaterThanOrEqualTo(0.90);
	}

	@Test
	void dutchRecallAndPrecision() {
		assertThat(developmentScore.risk("nl").recall()).isGreaterThanOrEqualTo(0.95);
		assertThat(developmentScore.risk("nl").precision()).isGreaterThanOrEqualTo(0.90);
	}

	@Test
	void englishRecallAndPrecision() {
		assertThat(developmentScore.risk("en").recall()).isGreaterThanOrEqualTo(0.95);
		assertThat(developmentScore.risk("en").precision()).isGreaterThanOrEqualTo(0.90);
	}

	@Test
	void categoriesAreMostlyRight() {
		for (Category category : Category.values()) {
			assertThat(developmentScore.category(category).recall()).as(category.name()).isGreaterThanOrEqualTo(0.85);
			assertThat(developmentScore.category(category).precision()).as(category.name())
				.isGreaterThanOrEqualTo(0.85);
		}
	}

	/**
	 * First run, before the rules were reworked: recall 0.550, precision 0.891. These
	 * figures are reached after improving the rules on this set, so they no longer
	 * measure generalisation ({@link #untouchedSetShowsWhatGeneralises()} does).
	 */
	@Test
	void blindSetRecallAndPrecision() {
		for (String language : new String[] { null, "nl", "en" }) {
			assertThat(blindScore.risk(language).recall()).as(String.valueOf(language)).isGreaterThanOrEqualTo(0.95);
			assertThat(blindScore.risk(language).precision()).as(String.valueOf(language)).isGreaterThanOrEqualTo(0.90);
		}
		for (Category category : Category.values()) {
			assertThat(blindScore.category(category).recall()).as(category.name()).isGreaterThanOrEqualTo(0.85);
			assertThat(blindScore.category(category).precision()).as(category.name()).isGreaterThanOrEqualTo(0.85);
		}
	}

	@Test
	void unionRecallAndPrecision() {
		for (String language : new String[] { null, "nl", "en" }) {
			assertThat(unionScore.risk(language).recall()).as(String.valueOf(language)).isGreaterThanOrEqualTo(0.95);
			assertThat(unionScore.risk(language).precision()).as(String.valueOf(language)).isGreaterThanOrEqualTo(0.90);
		}
	}

	/**
	 * {@code unseen.tsv} was written before the rules were reworked and scored once
	 * afterwards; the rules were not tuned on it. Its recall is far below the other sets:
	 * that gap is the honest measure of what the rules do not yet generalise to. The
	 * floors below only guard against regressions; do not raise them by adding rules for
	 * its lines (write a new untouched set instead).
	 */
	@Test
	void untouchedSetShowsWhatGeneralises() {
		Evaluation unseen = DetectorReport.evaluate(new LexiconRiskDetector(),
				DetectorReport.read(Path.of(SETS + "unseen.tsv")));
		System.out.println("Untouched set (unseen.tsv), not tuned on:");
		System.out.println(unseen.report());
		assertThat(unseen.risk(null).recall()).isGreaterThanOrEqualTo(0.65);
		assertThat(unseen.risk(null).precision()).isGreaterThanOrEqualTo(0.95);
	}

	@Test
	void holdoutSetIsPrintedAndStillReasonable() {
		Evaluation holdout = DetectorReport.evaluate(new LexiconRiskDetector(),
				DetectorReport.read(Path.of(SETS + "holdout.tsv")));
		System.out.println("Hold-out set (written after the first version of the rules):");
		System.out.println(holdout.report());
		assertThat(holdout.risk(null).recall()).isGreaterThanOrEqualTo(0.80);
		assertThat(holdout.risk(null).precision()).isGreaterThanOrEqualTo(0.80);
	}

}
