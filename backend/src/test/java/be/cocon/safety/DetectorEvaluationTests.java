package be.cocon.safety;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import be.cocon.safety.DetectorReport.Outcome;
import be.cocon.safety.DetectorReport.Score;
import be.cocon.safety.RiskModel.Labelled;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detector's goals, measured on the frozen test split of the corpus
 * ({@code corpus/test.tsv}, committed before any tuning and never trained on): recall of
 * risk at least 0.95 in each language and each category (REVIEW counts: it reaches a
 * person), precision of the crisis-card flags at least 0.95, and no benign message rated
 * HIGH. The full report, with every miss and false alarm, is printed.
 */
class DetectorEvaluationTests {

	private static final Path TEST_SET = Path.of(DetectorReport.TEST_SET);

	/** The SHA-256 of the test split as first committed; it must never change. */
	private static final String FROZEN = "7a13d08323d592ac9492ee44457485285de08e7de52ef16cc3691c4d419b808e";

	private static List<Labelled> examples;

	private static List<Outcome> outcomes;

	@BeforeAll
	static void evaluate() {
		CombinedRiskDetector detector = new CombinedRiskDetector();
		examples = DetectorReport.read(TEST_SET);
		outcomes = examples.stream().map((example) -> DetectorReport.run(detector, example)).toList();
		System.out.println("Frozen test split (" + TEST_SET + "):");
		System.out.println(DetectorReport.report(outcomes));
		System.out.println(DetectorReport.misses(outcomes));
	}

	@Test
	void testSplitIsTheFrozenOne() throws IOException, NoSuchAlgorithmException {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(TEST_SET));
		assertThat(HexFormat.of().formatHex(digest)).isEqualTo(FROZEN);
	}

	@Test
	void testSplitIsLargeBalancedAndHasSequences() {
		assertThat(examples).hasSizeGreaterThanOrEqualTo(600);
		for (String language : List.of("nl", "en")) {
			for (Category category : Category.values()) {
				assertThat(examples)
					.filteredOn((e) -> e.language().equals(language) && e.label().equals(category.name()))
					.as(language + " " + category)
					.hasSizeGreaterThanOrEqualTo(30);
			}
			assertThat(examples).filteredOn((e) -> e.language().equals(language) && !e.risky())
				.hasSizeGreaterThanOrEqualTo(150);
			assertThat(examples).filteredOn((e) -> e.language().equals(language) && e.sequence())
				.hasSizeGreaterThanOrEqualTo(30);
		}
	}

	@Test
	void recallIsAtLeast95PercentInEachLanguage() {
		for (String language : List.of("nl", "en")) {
			assertThat(score((o) -> o.example().language().equals(language)).recall()).as(language)
				.isGreaterThanOrEqualTo(0.95);
		}
	}

	@Test
	void recallIsAtLeast95PercentInEachCategory() {
		for (Category category : Category.values()) {
			assertThat(score((o) -> o.example().label().equals(category.name())).recall()).as(category.name())
				.isGreaterThanOrEqualTo(0.95);
		}
	}

	@Test
	void crisisCardsAreRightAtLeast95PercentOfTheTime() {
		assertThat(score((o) -> true).cardPrecision()).isGreaterThanOrEqualTo(0.95);
	}

	@Test
	void noBenignMessageIsRatedHigh() {
		assertThat(outcomes).filteredOn((o) -> !o.example().risky() && o.assessment().severity() == Severity.HIGH)
			.isEmpty();
	}

	private static Score score(Predicate<Outcome> slice) {
		return Score.of(outcomes.stream().filter(slice).toList());
	}

}
