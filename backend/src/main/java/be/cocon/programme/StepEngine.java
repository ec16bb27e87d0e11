package be.cocon.programme;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import be.cocon.programme.Content.Branch;
import be.cocon.programme.Content.Condition;
import be.cocon.programme.Content.Item;
import be.cocon.programme.Content.Programme;
import be.cocon.programme.Content.Questionnaire;
import be.cocon.programme.Content.Step;

/**
 * The rules of answering a step: what a valid answer of each step kind is, how a
 * questionnaire is scored, and which step comes next (branches first, then the following
 * step, then the end). Pure logic, no store.
 */
final class StepEngine {

	static final int MAX_FREE_TEXT = 2000;

	static final int MAX_JOURNAL = 4000;

	private StepEngine() {
	}

	/**
	 * An accepted answer.
	 *
	 * @param values the normalised answer as stored
	 * @param number the value of a scale, mood or the questionnaire total, if any
	 * @param options chosen options, if any
	 * @param band the questionnaire band, if any
	 * @param risks questionnaire items whose answer is a risk signal, with their value
	 */
	record Accepted(Map<String, Object> values, @Nullable Integer number, List<String> options,
			Content.@Nullable Band band, Map<String, Integer> risks) {
	}

	static Accepted accept(Step step, Map<String, Object> raw, @Nullable Questionnaire questionnaire) {
		return switch (step.kind()) {
			case INFO -> new Accepted(Map.of("seen", true), null, List.of(), null, Map.of());
			case FREE_TEXT -> text(raw, MAX_FREE_TEXT);
			case JOURNAL -> text(raw, MAX_JOURNAL);
			case SINGLE_CHOICE -> single(step, raw);
			case MULTIPLE_CHOICE -> multiple(step, raw);
			case SCALE -> number(raw, step.scale().min(), step.scale().max());
			case MOOD -> number(raw, 1, 10);
			case TIMER -> timer(step, raw);
			case QUESTIONNAIRE -> questionnaire(questionnaire, raw);
		};
	}

	/** The id of the step after this one for this answer, or {@code END}. */
	static String next(Programme programme, Step step, Accepted answer) {
		if (step.next() != null) {
			for (Branch branch : step.next()) {
				if (branch.when() == null || holds(branch.when(), answer)) {
					return branch.goTo();
				}
			}
		}
		return following(programme, step);
	}

	/** Every step that may follow this one, for validation and for walking all paths. */
	static List<String> successors(Programme programme, Step step) {
		Set<String> result = new LinkedHashSet<>();
		boolean unconditional = false;
		if (step.next() != null) {
			for (Branch branch : step.next()) {
				result.add(branch.goTo());
				unconditional |= branch.when() == null;
			}
		}
		if (!unconditional) {
			result.add(following(programme, step));
		}
		return new ArrayList<>(result);
	}

	/**
	 * How many steps the longest way from this step to the end has, this step included.
	 * Shown as "step n of total" with the steps done, the total can only shrink as
	 * branches are passed, and the position never jumps.
	 */
	static int longestPathFrom(Programme programme, String stepId) {
		return longest(programme, stepId, new java.util.HashMap<>(), new java.util.HashSet<>());
	}

	private static int longest(Programme programme, String stepId, Map<String, Integer> known, Set<String> onPath) {
		if (ContentValidator.END.equals(stepId) || onPath.contains(stepId)) {
			return 0;
		}
		Integer length = known.get(stepId);
		if (length != null) {
			return length;
		}
		onPath.add(stepId);
		int rest = 0;
		for (String next : successors(programme, programme.step(stepId))) {
			rest = Math.max(rest, longest(programme, next, known, onPath));
		}
		onPath.remove(stepId);
		known.put(stepId, rest + 1);
		return rest + 1;
	}

	private static String following(Programme programme, Step step) {
		List<Step> steps = programme.steps();
		int index = steps.indexOf(step);
		return (index + 1 < steps.size()) ? steps.get(index + 1).id() : ContentValidator.END;
	}

	private static boolean holds(Condition when, Accepted answer) {
		if (when.option() != null) {
			return answer.options().contains(when.option());
		}
		if (answer.number() == null) {
			return false;
		}
		if (when.atMost() != null) {
			return answer.number() <= when.atMost();
		}
		return when.atLeast() != null && answer.number() >= when.atLeast();
	}

	private static Accepted text(Map<String, Object> raw, int max) {
		Object value = raw.get("text");
		String text = (value instanceof String string) ? string.strip() : "";
		if (text.isEmpty()) {
			throw AnswerProblem.of("answer.text-missing", "Please write something first.");
		}
		// counted in code points, as the browser counts them (an emoji is one character)
		if (text.codePointCount(0, text.length()) > max) {
			throw AnswerProblem.of("answer.text-too-long", "Your answer can be at most " + max + " characters.");
		}
		return new Accepted(Map.of("text", text), null, List.of(), null, Map.of());
	}

	private static Accepted single(Step step, Map<String, Object> raw) {
		Object option = raw.get("option");
		if (!(option instanceof String id) || !hasOption(step, id)) {
			throw AnswerProblem.of("answer.unknown-option", "Please choose one of the options.");
		}
		return new Accepted(Map.of("option", id), null, List.of(id), null, Map.of());
	}

	private static Accepted multiple(Step step, Map<String, Object> raw) {
		if (!(raw.get("options") instanceof List<?> chosen) || chosen.isEmpty()) {
			throw AnswerProblem.of("answer.no-option", "Please choose at least one option.");
		}
		Set<String> ids = new LinkedHashSet<>();
		for (Object option : chosen) {
			if (!(option instanceof String id) || !hasOption(step, id) || !ids.add(id)) {
				throw AnswerProblem.of("answer.unknown-option", "Please choose only from the options, each once.");
			}
		}
		List<String> options = new ArrayList<>(ids);
		return new Accepted(Map.of("options", options), null, options, null, Map.of());
	}

	private static Accepted number(Map<String, Object> raw, int min, int max) {
		if (!(raw.get("value") instanceof Integer value) || value < min || value > max) {
			throw AnswerProblem.of("answer.out-of-range",
					"Please choose a whole number from " + min + " to " + max + ".");
		}
		return new Accepted(Map.of("value", value), value, List.of(), null, Map.of());
	}

	private static Accepted timer(Step step, Map<String, Object> raw) {
		boolean completed = Boolean.TRUE.equals(raw.get("completed"));
		Object spent = raw.get("secondsSpent");
		int seconds = (spent instanceof Integer value) ? value : -1;
		if (seconds < 0 || seconds > step.timer().seconds() * 10) {
			throw AnswerProblem.of("answer.out-of-range", "The time spent on the exercise is not valid.");
		}
		return new Accepted(Map.of("completed", completed, "secondsSpent", seconds), null, List.of(), null, Map.of());
	}

	private static Accepted questionnaire(@Nullable Questionnaire questionnaire, Map<String, Object> raw) {
		if (questionnaire == null) {
			throw new IllegalStateException("A questionnaire step without its questionnaire");
		}
		if (!(raw.get("items") instanceof List<?> items) || items.size() != questionnaire.items().size()) {
			throw AnswerProblem.of("answer.items-missing",
					"Please answer all " + questionnaire.items().size() + " questions.");
		}
		Set<Integer> allowed = new java.util.HashSet<>();
		questionnaire.options().forEach((option) -> allowed.add(option.value()));
		List<Integer> values = new ArrayList<>();
		Map<String, Integer> risks = new LinkedHashMap<>();
		for (int i = 0; i < items.size(); i++) {
			if (!(items.get(i) instanceof Integer value) || !allowed.contains(value)) {
				throw AnswerProblem.of("answer.out-of-range", "Question " + (i + 1) + " has no valid answer.");
			}
			values.add(value);
			Item item = questionnaire.items().get(i);
			if (item.riskSignalAtLeast() != null && value >= item.riskSignalAtLeast()) {
				risks.put(item.id(), value);
			}
		}
		int score = values.stream().mapToInt(Integer::intValue).sum();
		Content.Band band = questionnaire.bandOf(score);
		Map<String, Object> stored = new LinkedHashMap<>();
		stored.put("items", values);
		stored.put("score", score);
		stored.put("band", (band != null) ? band.id() : "unknown");
		return new Accepted(stored, score, List.of(), band, risks);
	}

	private static boolean hasOption(Step step, String id) {
		return step.options() != null && step.options().stream().anyMatch((option) -> option.id().equals(id));
	}

}
