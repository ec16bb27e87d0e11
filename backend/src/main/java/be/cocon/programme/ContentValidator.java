package be.cocon.programme;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import be.cocon.programme.Content.Band;
import be.cocon.programme.Content.Branch;
import be.cocon.programme.Content.Condition;
import be.cocon.programme.Content.Programme;
import be.cocon.programme.Content.Questionnaire;
import be.cocon.programme.Content.Step;
import be.cocon.programme.Content.StepKind;

/**
 * The rules a JSON Schema cannot say: unique ids, branch targets that exist, conditions
 * that fit their step, every step reachable, every path ending, questionnaire bands
 * covering every score. Each problem names the step.
 */
final class ContentValidator {

	static final String END = "END";

	private ContentValidator() {
	}

	static List<String> problems(Programme programme, Set<String> questionnaires) {
		List<String> problems = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		for (Step step : programme.steps()) {
			if (!ids.add(step.id())) {
				problems.add("step '" + step.id() + "': the id is used twice");
			}
		}
		for (Step step : programme.steps()) {
			checkStep(step, ids, questionnaires, problems);
		}
		if (problems.isEmpty()) {
			checkReachableAndEnding(programme, problems);
		}
		return problems;
	}

	static List<String> problems(Questionnaire questionnaire) {
		List<String> problems = new ArrayList<>();
		int max = questionnaire.maxScore();
		for (int score = 0; score <= max; score++) {
			int covering = 0;
			for (Band band : questionnaire.bands()) {
				if (score >= band.min() && score <= band.max()) {
					covering++;
				}
			}
			if (covering != 1) {
				problems.add("score " + score + " is in " + covering + " bands instead of exactly one");
			}
		}
		return problems;
	}

	private static void checkStep(Step step, Set<String> ids, Set<String> questionnaires, List<String> problems) {
		String where = "step '" + step.id() + "': ";
		if (step.options() != null) {
			Set<String> options = new HashSet<>();
			step.options().forEach((option) -> {
				if (!options.add(option.id())) {
					problems.add(where + "option '" + option.id() + "' is used twice");
				}
			});
		}
		if (step.scale() != null && step.scale().min() >= step.scale().max()) {
			problems.add(where + "the scale's min must be below its max");
		}
		if (step.kind() == StepKind.QUESTIONNAIRE && !questionnaires.contains(step.questionnaire())) {
			problems.add(where + "unknown questionnaire '" + step.questionnaire() + "'");
		}
		List<Branch> next = (step.next() != null) ? step.next() : List.of();
		for (int i = 0; i < next.size(); i++) {
			Branch branch = next.get(i);
			if (!END.equals(branch.goTo()) && !ids.contains(branch.goTo())) {
				problems.add(where + "goes to unknown step '" + branch.goTo() + "'");
			}
			if (branch.when() == null && i != next.size() - 1) {
				problems.add(where + "the branch without 'when' must be the last");
			}
			if (branch.when() != null) {
				checkCondition(step, branch.when(), where, problems);
			}
		}
	}

	private static void checkCondition(Step step, Condition when, String where, List<String> problems) {
		if (when.option() != null) {
			boolean choice = step.kind() == StepKind.SINGLE_CHOICE || step.kind() == StepKind.MULTIPLE_CHOICE;
			boolean known = choice && step.options().stream().anyMatch((option) -> option.id().equals(when.option()));
			if (!known) {
				problems.add(where + "condition on option '" + when.option() + "' does not fit this step");
			}
		}
		if ((when.atMost() != null || when.atLeast() != null) && step.kind() != StepKind.SCALE
				&& step.kind() != StepKind.MOOD && step.kind() != StepKind.QUESTIONNAIRE) {
			problems.add(where + "atMost/atLeast only fit SCALE, MOOD and QUESTIONNAIRE steps");
		}
	}

	/** Every step is reachable from the first and every path can reach the end. */
	private static void checkReachableAndEnding(Programme programme, List<String> problems) {
		List<Step> steps = programme.steps();
		Set<String> seen = new HashSet<>();
		Deque<String> todo = new ArrayDeque<>(List.of(steps.get(0).id()));
		while (!todo.isEmpty()) {
			String id = todo.pop();
			if (END.equals(id) || !seen.add(id)) {
				continue;
			}
			todo.addAll(StepEngine.successors(programme, programme.step(id)));
		}
		steps.stream()
			.filter((step) -> !seen.contains(step.id()))
			.forEach((step) -> problems.add("step '" + step.id() + "': cannot be reached from the first step"));
		for (Step step : steps) {
			if (!canEnd(programme, step.id())) {
				problems.add("step '" + step.id() + "': no path from here reaches the end");
			}
		}
	}

	private static boolean canEnd(Programme programme, String from) {
		Set<String> seen = new HashSet<>();
		Deque<String> todo = new ArrayDeque<>(List.of(from));
		while (!todo.isEmpty()) {
			String id = todo.pop();
			if (END.equals(id)) {
				return true;
			}
			if (seen.add(id)) {
				todo.addAll(StepEngine.successors(programme, programme.step(id)));
			}
		}
		return false;
	}

}
