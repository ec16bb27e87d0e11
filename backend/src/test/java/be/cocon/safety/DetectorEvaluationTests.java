package be.cocon.safety;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import be.cocon.safety.DetectorReport.Evaluation;
import be.cocon.safety.DetectorReport.Example;

import static org.assertj.core.api.Assertions.assertThat;

class DetectorEvaluationTests {

	private static List<Example> examples;

	private static Evaluation evaluation;

	@BeforeAll
	static void evaluate() {
		examples = DetectorReport.read(Path.of(DetectorReport.DEFAULT_FILE));
		evaluation = DetectorReport.evaluate(new LexiconRiskDetector(), examples);
		System.out.println(evaluation.report());
	}

	@Test
	void evaluationSetIsLargeBalancedAndHard() {
		assertThat(examples).hasSizeGreaterThanOrEqualTo(320);
		long dutch = examples.stream().filter((example) -> example.language().equals("nl")).count();
		long english = examples.stream().filter((example) -> example.language().equals("en")).count();
		assertThat(dutch + english).isEqualTo(examples.size());
		assertThat(Math.abs(dutch - english)).isLessThanOrEqualTo(examples.size() / 5);
		long none = examples.stream().filter((example) -> !example.risky()).count();
		assertThat(none * 3).isGreaterThanOrEqualTo(examples.size());
		for (Category category : Category.values()) {
			assertThat(examples).anyMatch((example) -> example.label() == category);
		}
	}

	@Test
	void overallRecallAndPrecision() {
		assertThat(evaluation.risk(null).recall()).isGreaterThanOrEqualTo(0.95);
		assertThat(evaluation.risk(null).precision()).isGreaterThanOrEqualTo(0.90);
	}

	@Test
	void dutchRecallAndPrecision() {
		assertThat(evaluation.risk("nl").recall()).isGreaterThanOrEqualTo(0.95);
		assertThat(evaluation.risk("nl").precision()).isGreaterThanOrEqualTo(0.90);
	}

	@Test
	void englishRecallAndPrecision() {
		assertThat(evaluation.risk("en").recall()).isGreaterThanOrEqualTo(0.95);
		assertThat(evaluation.risk("en").precision()).isGreaterThanOrEqualTo(0.90);
	}

	@Test
	void categoriesAreMostlyRight() {
		for (Category category : Category.values()) {
			assertThat(evaluation.category(category).recall()).as(category.name()).isGreaterThanOrEqualTo(0.85);
			assertThat(evaluation.category(category).precision()).as(category.name()).isGreaterThanOrEqualTo(0.85);
		}
	}

	@Test
	void holdoutSetIsPrintedAndStillReasonable() {
		Evaluation holdout = DetectorReport.evaluate(new LexiconRiskDetector(),
				DetectorReport.read(Path.of("src/test/resources/safety/holdout.tsv")));
		System.out.println("Hold-out set (written after the first version of the rules):");
		System.out.println(holdout.report());
		assertThat(holdout.risk(null).recall()).isGreaterThanOrEqualTo(0.80);
		assertThat(holdout.risk(null).precision()).isGreaterThanOrEqualTo(0.80);
	}

}
