package be.cocon.programme;

import java.util.List;
import java.util.stream.Collectors;

import be.cocon.programme.Content.Programme;
import be.cocon.programme.Content.Step;

/**
 * The short text of an answer as it appears in the guide conversation, in the client's
 * language.
 */
final class AnswerSummaries {

	private AnswerSummaries() {
	}

	static String of(Step step, StepEngine.Accepted answer, String locale) {
		boolean en = "en".equals(locale);
		return switch (step.kind()) {
			case INFO -> en ? "Next" : "Verder";
			case FREE_TEXT, JOURNAL -> String.valueOf(answer.values().get("text"));
			case SINGLE_CHOICE, MULTIPLE_CHOICE -> labels(step, answer.options(), locale);
			case SCALE, MOOD -> answer.number() + " / " + ((step.scale() != null) ? step.scale().max() : 10);
			case TIMER -> timer(answer, en);
			case QUESTIONNAIRE -> en ? "Questionnaire completed" : "Vragenlijst ingevuld";
		};
	}

	static String completed(Programme programme, String locale) {
		return "en".equals(locale) ? "Well done: you finished \"" + programme.title().en() + "\"."
				: "Goed gedaan: je hebt \"" + programme.title().nl() + "\" afgerond.";
	}

	private static String labels(Step step, List<String> chosen, String locale) {
		return step.options()
			.stream()
			.filter((option) -> chosen.contains(option.id()))
			.map((option) -> option.label().in(locale))
			.collect(Collectors.joining(", "));
	}

	private static String timer(StepEngine.Accepted answer, boolean en) {
		int seconds = (Integer) answer.values().get("secondsSpent");
		String time = seconds / 60 + ":" + String.format("%02d", seconds % 60);
		boolean completed = Boolean.TRUE.equals(answer.values().get("completed"));
		if (completed) {
			return (en ? "Exercise done (" : "Oefening gedaan (") + time + ")";
		}
		return (en ? "Stopped after " : "Gestopt na ") + time;
	}

}
