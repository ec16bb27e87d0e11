package be.cocon.programme;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import be.cocon.programme.Content.Branch;
import be.cocon.programme.Content.Programme;
import be.cocon.programme.Content.Questionnaire;
import be.cocon.programme.Content.Step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Every shipped programme and questionnaire is valid, and every branch of every programme
 * ends.
 */
class ShippedContentTests {

	static final ContentCatalog CATALOG = new ContentCatalog();

	@Test
	void threeProgrammesWithTwoModulesAndEightToFifteenSteps() {
		assertThat(CATALOG.programmes()).extracting(Programme::id)
			.containsExactlyInAnyOrder("stress-and-relaxation", "worrying-less", "sleeping-better");
		for (Programme programme : CATALOG.programmes()) {
			assertThat(programme.modules()).as(programme.id()).hasSizeGreaterThanOrEqualTo(2);
			assertThat(programme.steps()).as(programme.id()).hasSizeBetween(8, 15);
		}
	}

	@Test
	void everyBranchOfEveryProgrammeIsWalkedToTheEnd() {
		for (Programme programme : CATALOG.programmes()) {
			Set<String> visited = new HashSet<>();
			List<List<String>> paths = new ArrayList<>();
			walk(programme, programme.steps().get(0), new ArrayList<>(), visited, paths);
			assertThat(visited).as(programme.id() + ": every step is visited on some path")
				.containsAll(programme.steps().stream().map(Step::id).toList());
			assertThat(paths).as(programme.id() + ": paths that end").isNotEmpty();
		}
	}

	@Test
	void stepPositionCountsAlongTheWayAndTheTotalNeverGrows() {
		Programme stress = CATALOG.current("stress-and-relaxation").orElseThrow();
		assertThat(StepEngine.longestPathFrom(stress, "welcome")).isEqualTo(15);
		assertThat(StepEngine.longestPathFrom(stress, "closing")).isEqualTo(1);
		for (Programme programme : CATALOG.programmes()) {
			List<List<String>> paths = new ArrayList<>();
			walk(programme, programme.steps().get(0), new ArrayList<>(), new HashSet<>(), paths);
			for (List<String> path : paths) {
				int total = StepEngine.longestPathFrom(programme, path.get(0));
				for (int done = 0; done < path.size(); done++) {
					int shown = done + StepEngine.longestPathFrom(programme, path.get(done));
					assertThat(shown).as(programme.id() + " " + path).isLessThanOrEqualTo(total);
					total = shown;
				}
				assertThat(total).as(programme.id() + ": at the last step the total is the way taken")
					.isEqualTo(path.size());
			}
		}
	}

	@ParameterizedTest
	@CsvSource({ "0,minimal", "4,minimal", "5,mild", "9,mild", "10,moderate", "14,moderate", "15,moderately-severe",
			"19,moderately-severe", "20,severe", "27,severe" })
	void phq9ScoresFallInTheirBands(int score, String band) {
		assertThat(scored("phq-9", score).band().id()).isEqualTo(band);
	}

	@ParameterizedTest
	@CsvSource({ "0,minimal", "4,minimal", "5,mild", "9,mild", "10,moderate", "14,moderate", "15,severe", "21,severe" })
	void gad7ScoresFallInTheirBands(int score, String band) {
		assertThat(scored("gad-7", score).band().id()).isEqualTo(band);
	}

	@Test
	void phq9ItemNineFromOneIsARiskSignal() {
		Questionnaire phq9 = CATALOG.questionnaire("phq-9").orElseThrow();
		Step step = questionnaireStep("phq-9");
		List<Integer> items = new ArrayList<>(Collections.nCopies(9, 0));

		assertThat(StepEngine.accept(step, Map.of("items", items), phq9).risks()).isEmpty();
		items.set(8, 1);
		assertThat(StepEngine.accept(step, Map.of("items", items), phq9).risks()).containsEntry("phq9-9", 1);
	}

	@Test
	void questionnaireAnswersMustBeCompleteAndInRange() {
		Questionnaire gad7 = CATALOG.questionnaire("gad-7").orElseThrow();
		Step step = questionnaireStep("gad-7");

		assertThat(refusal(step, List.of(0, 1), gad7)).isEqualTo("answer.items-missing");
		assertThat(refusal(step, List.of(0, 1, 2, 3, 4, 0, 0), gad7)).isEqualTo("answer.out-of-range");
	}

	@Test
	void brokenContentStopsStartupNamingFileStepAndProblem() {
		assertThatIllegalStateException().isThrownBy(() -> new ContentCatalog("classpath:broken-programmes/"))
			.withMessageContaining("broken.json")
			.withMessageContaining("step 'second'")
			.withMessageContaining("unknown step 'missing'");
	}

	@Test
	void schemaViolationsNameTheStep() {
		assertThatIllegalStateException().isThrownBy(() -> new ContentCatalog("classpath:invalid-programmes/"))
			.withMessageContaining("invalid.json")
			.withMessageContaining("step 'scale-without-bounds'");
	}

	private static String refusal(Step step, List<Integer> items, Questionnaire questionnaire) {
		AnswerProblem problem = org.assertj.core.api.Assertions.catchThrowableOfType(AnswerProblem.class,
				() -> StepEngine.accept(step, Map.of("items", items), questionnaire));
		return problem.code();
	}

	private static StepEngine.Accepted scored(String id, int score) {
		Questionnaire questionnaire = CATALOG.questionnaire(id).orElseThrow();
		List<Integer> items = new ArrayList<>(Collections.nCopies(questionnaire.items().size(), 0));
		int left = score;
		for (int i = 0; i < items.size() && left > 0; i++) {
			int value = Math.min(3, left);
			items.set(i, value);
			left -= value;
		}
		StepEngine.Accepted accepted = StepEngine.accept(questionnaireStep(id), Map.of("items", items), questionnaire);
		assertThat(accepted.number()).isEqualTo(score);
		return accepted;
	}

	private static Step questionnaireStep(String id) {
		return new Step("q", Content.StepKind.QUESTIONNAIRE, StepEngineTests.T, null, null, null, id, null);
	}

	/**
	 * Depth-first over every distinct answer outcome; fails on a path longer than the
	 * programme allows.
	 */
	private static void walk(Programme programme, Step step, List<String> path, Set<String> visited,
			List<List<String>> paths) {
		assertThat(path).as(programme.id() + ": no endless loop").hasSizeLessThan(programme.steps().size() * 2);
		visited.add(step.id());
		List<String> here = new ArrayList<>(path);
		here.add(step.id());
		for (Map<String, Object> answer : answersFor(step)) {
			Questionnaire questionnaire = (step.questionnaire() != null)
					? CATALOG.questionnaire(step.questionnaire()).orElseThrow() : null;
			String next = StepEngine.next(programme, step, StepEngine.accept(step, answer, questionnaire));
			if ("END".equals(next)) {
				paths.add(here);
			}
			else if (!here.contains(next)) {
				walk(programme, programme.step(next), here, visited, paths);
			}
		}
	}

	/** Answers that together take every branch of the step. */
	private static List<Map<String, Object>> answersFor(Step step) {
		Map<String, Map<String, Object>> answers = new LinkedHashMap<>();
		switch (step.kind()) {
			case INFO -> answers.put("seen", Map.of());
			case FREE_TEXT, JOURNAL -> answers.put("text", Map.of("text", "iets"));
			case TIMER -> answers.put("timer", Map.of("completed", true, "secondsSpent", step.timer().seconds()));
			case SINGLE_CHOICE ->
				step.options().forEach((option) -> answers.put(option.id(), Map.of("option", option.id())));
			case MULTIPLE_CHOICE ->
				step.options().forEach((option) -> answers.put(option.id(), Map.of("options", List.of(option.id()))));
			case SCALE, MOOD -> numbers(step).forEach((value) -> answers.put("v" + value, Map.of("value", value)));
			case QUESTIONNAIRE -> {
				int items = CATALOG.questionnaire(step.questionnaire()).orElseThrow().items().size();
				answers.put("low", Map.of("items", Collections.nCopies(items, 0)));
				answers.put("high", Map.of("items", Collections.nCopies(items, 3)));
			}
		}
		return new ArrayList<>(answers.values());
	}

	private static Set<Integer> numbers(Step step) {
		int min = (step.scale() != null) ? step.scale().min() : 1;
		int max = (step.scale() != null) ? step.scale().max() : 10;
		Set<Integer> values = new java.util.TreeSet<>(List.of(min, max));
		if (step.next() != null) {
			for (Branch branch : step.next()) {
				if (branch.when() != null && branch.when().atMost() != null) {
					values.add(Math.max(min, Math.min(max, branch.when().atMost())));
					values.add(Math.max(min, Math.min(max, branch.when().atMost() + 1)));
				}
				if (branch.when() != null && branch.when().atLeast() != null) {
					values.add(Math.max(min, Math.min(max, branch.when().atLeast())));
					values.add(Math.max(min, Math.min(max, branch.when().atLeast() - 1)));
				}
			}
		}
		return values;
	}

}
