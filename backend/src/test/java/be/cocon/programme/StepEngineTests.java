package be.cocon.programme;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import be.cocon.programme.Content.Branch;
import be.cocon.programme.Content.Condition;
import be.cocon.programme.Content.Module;
import be.cocon.programme.Content.Option;
import be.cocon.programme.Content.Programme;
import be.cocon.programme.Content.Scale;
import be.cocon.programme.Content.Step;
import be.cocon.programme.Content.StepKind;
import be.cocon.programme.Content.Text;
import be.cocon.programme.Content.Timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StepEngineTests {

	static final Text T = new Text("tekst", "text");

	static final Step INFO = step("intro", StepKind.INFO);

	static final Step CHOICE = new Step("place", StepKind.SINGLE_CHOICE, T,
			List.of(new Option("yes", T), new Option("no", T)), null, null, null,
			List.of(new Branch(new Condition("no", null, null), "tip")));

	static final Step TIP = step("tip", StepKind.INFO);

	static final Step SCALE = new Step("stress", StepKind.SCALE, T, null, new Scale(0, 10, T, T), null, null,
			List.of(new Branch(new Condition(null, null, 7), "calm"), new Branch(null, "plan")));

	static final Step CALM = new Step("calm", StepKind.TIMER, T, null, null, new Timer(120, T), null, null);

	static final Step PLAN = new Step("plan", StepKind.MULTIPLE_CHOICE, T,
			List.of(new Option("walk", T), new Option("music", T), new Option("talk", T)), null, null, null, null);

	static final Programme PROGRAMME = new Programme("test", 1, T, T, T, 10, null, List
		.of(new Module("one", T, List.of(INFO, CHOICE, TIP)), new Module("two", T, List.of(SCALE, CALM, PLAN))));

	@Test
	void informationNeedsNoAnswerAndGoesToTheFollowingStep() {
		StepEngine.Accepted seen = StepEngine.accept(INFO, Map.of(), null);

		assertThat(StepEngine.next(PROGRAMME, INFO, seen)).isEqualTo("place");
	}

	@Test
	void singleChoiceBranchesOnTheChosenOptionAndOtherwiseContinues() {
		assertThat(StepEngine.next(PROGRAMME, CHOICE, StepEngine.accept(CHOICE, Map.of("option", "no"), null)))
			.isEqualTo("tip");
		assertThat(StepEngine.next(PROGRAMME, CHOICE, StepEngine.accept(CHOICE, Map.of("option", "yes"), null)))
			.isEqualTo("tip");
		assertThatThrownBy(() -> StepEngine.accept(CHOICE, Map.of("option", "maybe"), null)).isInstanceOfSatisfying(
				AnswerProblem.class, (problem) -> assertThat(problem.code()).isEqualTo("answer.unknown-option"));
	}

	@Test
	void nextStepCrossesModuleBoundaries() {
		assertThat(StepEngine.next(PROGRAMME, TIP, StepEngine.accept(TIP, Map.of(), null))).isEqualTo("stress");
	}

	@Test
	void scaleBranchesOnThresholdsAndRefusesValuesOutOfRange() {
		assertThat(StepEngine.next(PROGRAMME, SCALE, StepEngine.accept(SCALE, Map.of("value", 8), null)))
			.isEqualTo("calm");
		assertThat(StepEngine.next(PROGRAMME, SCALE, StepEngine.accept(SCALE, Map.of("value", 7), null)))
			.isEqualTo("calm");
		assertThat(StepEngine.next(PROGRAMME, SCALE, StepEngine.accept(SCALE, Map.of("value", 6), null)))
			.isEqualTo("plan");
		assertRefused(SCALE, Map.of("value", 11), "answer.out-of-range");
		assertRefused(SCALE, Map.of("value", -1), "answer.out-of-range");
		assertRefused(SCALE, Map.of("value", "5"), "answer.out-of-range");
	}

	@Test
	void moodIsOneToTen() {
		Step mood = step("mood", StepKind.MOOD);

		assertThat(StepEngine.accept(mood, Map.of("value", 1), null).number()).isEqualTo(1);
		assertRefused(mood, Map.of("value", 0), "answer.out-of-range");
	}

	@Test
	void multipleChoiceNeedsKnownDistinctOptions() {
		assertThat(StepEngine.accept(PLAN, Map.of("options", List.of("walk", "talk")), null).options())
			.containsExactly("walk", "talk");
		assertRefused(PLAN, Map.of("options", List.of()), "answer.no-option");
		assertRefused(PLAN, Map.of("options", List.of("walk", "walk")), "answer.unknown-option");
		assertRefused(PLAN, Map.of("options", List.of("fly")), "answer.unknown-option");
	}

	@Test
	void lastStepEndsTheProgramme() {
		assertThat(StepEngine.next(PROGRAMME, PLAN, StepEngine.accept(PLAN, Map.of("options", List.of("walk")), null)))
			.isEqualTo("END");
	}

	@Test
	void timerRecordsCompletionAndTimeSpent() {
		StepEngine.Accepted done = StepEngine.accept(CALM, Map.of("completed", true, "secondsSpent", 120), null);

		assertThat(done.values()).containsEntry("completed", true).containsEntry("secondsSpent", 120);
		assertRefused(CALM, Map.of("completed", true), "answer.out-of-range");
		assertRefused(CALM, Map.of("completed", true, "secondsSpent", 99999), "answer.out-of-range");
	}

	@Test
	void textAnswersAreTrimmedAndBounded() {
		Step free = step("free", StepKind.FREE_TEXT);
		Step journal = step("journal", StepKind.JOURNAL);

		assertThat(StepEngine.accept(free, Map.of("text", "  ok  "), null).values()).containsEntry("text", "ok");
		assertRefused(free, Map.of("text", "   "), "answer.text-missing");
		assertRefused(free, Map.of("text", "x".repeat(2001)), "answer.text-too-long");
		assertThat(StepEngine.accept(journal, Map.of("text", "x".repeat(4000)), null).values()).containsKey("text");
		assertRefused(journal, Map.of("text", "x".repeat(4001)), "answer.text-too-long");
		// counted in code points: an emoji is one character, as in the browser
		assertThat(StepEngine.accept(free, Map.of("text", "🌙".repeat(2000)), null).values()).containsKey("text");
		assertRefused(free, Map.of("text", "🌙".repeat(2001)), "answer.text-too-long");
	}

	@Test
	void questionnaireIsScoredBandedAndFlagsRiskItems() {
		Content.Questionnaire questionnaire = new Content.Questionnaire("q", 1, "Q", "test", T,
				List.of(new Content.Item("q-1", T, null), new Content.Item("q-2", T, 1)),
				List.of(new Content.AnswerOption(0, T), new Content.AnswerOption(1, T), new Content.AnswerOption(2, T)),
				List.of(new Content.Band("low", 0, 1, T), new Content.Band("high", 2, 4, T)));
		Step step = new Step("check", StepKind.QUESTIONNAIRE, T, null, null, null, "q",
				List.of(new Branch(new Condition(null, null, 2), "calm")));

		StepEngine.Accepted low = StepEngine.accept(step, Map.of("items", List.of(1, 0)), questionnaire);
		StepEngine.Accepted high = StepEngine.accept(step, Map.of("items", List.of(0, 2)), questionnaire);

		assertThat(low.values()).containsEntry("score", 1).containsEntry("band", "low");
		assertThat(low.risks()).isEmpty();
		assertThat(high.values()).containsEntry("score", 2).containsEntry("band", "high");
		assertThat(high.risks()).containsEntry("q-2", 2);
		assertThat(StepEngine.next(PROGRAMME, step, high)).isEqualTo("calm");
		assertThatThrownBy(() -> StepEngine.accept(step, Map.of("items", List.of(0)), questionnaire))
			.isInstanceOfSatisfying(AnswerProblem.class,
					(problem) -> assertThat(problem.code()).isEqualTo("answer.items-missing"));
		assertThatThrownBy(() -> StepEngine.accept(step, Map.of("items", List.of(0, 3)), questionnaire))
			.isInstanceOfSatisfying(AnswerProblem.class,
					(problem) -> assertThat(problem.code()).isEqualTo("answer.out-of-range"));
	}

	@Test
	void validatorFindsBrokenBranchesAndUnreachableSteps() {
		Step broken = new Step("broken", StepKind.SCALE, T, null, new Scale(0, 10, T, T), null, null,
				List.of(new Branch(null, "plan"), new Branch(new Condition("no", null, null), "nowhere")));
		Step orphan = step("orphan", StepKind.INFO);
		Programme programme = new Programme("bad", 1, T, T, T, 5, null,
				List.of(new Module("m", T, List.of(INFO, broken, PLAN, orphan))));

		List<String> problems = ContentValidator.problems(programme, java.util.Set.of());

		assertThat(problems)
			.anySatisfy((problem) -> assertThat(problem).contains("step 'broken'").contains("unknown step 'nowhere'"));
		assertThat(problems).anySatisfy((problem) -> assertThat(problem).contains("without 'when' must be the last"));
		assertThat(problems).anySatisfy((problem) -> assertThat(problem).contains("option 'no' does not fit"));
	}

	@Test
	void validatorFindsAStepNoOneReaches() {
		Step jump = new Step("jump", StepKind.INFO, T, null, null, null, null, List.of(new Branch(null, "END")));
		Programme programme = new Programme("gap", 1, T, T, T, 5, null,
				List.of(new Module("m", T, List.of(INFO, jump, PLAN))));

		assertThat(ContentValidator.problems(programme, java.util.Set.of()))
			.containsExactly("step 'plan': cannot be reached from the first step");
	}

	static void assertRefused(Step step, Map<String, Object> answer, String code) {
		assertThatThrownBy(() -> StepEngine.accept(step, answer, null)).isInstanceOfSatisfying(AnswerProblem.class,
				(problem) -> assertThat(problem.code()).isEqualTo(code));
	}

	static Step step(String id, StepKind kind) {
		return new Step(id, kind, T, null, null, null, null, null);
	}

}
