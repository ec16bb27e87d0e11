package be.cocon.programme;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** The content model of programmes and questionnaires, as read from the content files. */
final class Content {

	private Content() {
	}

	enum StepKind {

		INFO, FREE_TEXT, SINGLE_CHOICE, MULTIPLE_CHOICE, SCALE, MOOD, TIMER, JOURNAL, QUESTIONNAIRE

	}

	/** A text in Dutch and English. */
	record Text(String nl, String en) {

		String in(String locale) {
			return "en".equals(locale.toLowerCase(Locale.ROOT)) ? this.en : this.nl;
		}

		Map<String, String> both() {
			return Map.of("nl", this.nl, "en", this.en);
		}

	}

	record Programme(String id, int version, Text title, Text summary, Text audience, int estimatedMinutes,
			@Nullable List<String> sources, List<Module> modules) {

		List<Step> steps() {
			return this.modules.stream().flatMap((module) -> module.steps().stream()).toList();
		}

		@Nullable Step step(String stepId) {
			return steps().stream().filter((step) -> step.id().equals(stepId)).findFirst().orElse(null);
		}

		@Nullable Module moduleOf(String stepId) {
			return this.modules.stream()
				.filter((module) -> module.steps().stream().anyMatch((step) -> step.id().equals(stepId)))
				.findFirst()
				.orElse(null);
		}

		String key() {
			return this.id + "@" + this.version;
		}

		/** The ids of the questionnaires its steps use. */
		List<String> questionnaireIds() {
			return steps().stream().map(Step::questionnaire).filter(java.util.Objects::nonNull).distinct().toList();
		}

	}

	record Module(String id, Text title, List<Step> steps) {
	}

	record Step(String id, StepKind kind, Text text, @Nullable List<Option> options, @Nullable Scale scale,
			@Nullable Timer timer, @Nullable String questionnaire, @Nullable List<Branch> next) {
	}

	record Option(String id, Text label) {
	}

	record Scale(int min, int max, Text minLabel, Text maxLabel) {
	}

	record Timer(int seconds, Text instructions) {
	}

	record Branch(@Nullable Condition when, @JsonProperty("goto") String goTo) {
	}

	record Condition(@Nullable String option, @Nullable Integer atMost, @Nullable Integer atLeast) {
	}

	record Questionnaire(String id, int version, String name, String source, Text instructions, List<Item> items,
			List<AnswerOption> options, List<Band> bands) {

		@Nullable Band bandOf(int score) {
			return this.bands.stream()
				.filter((band) -> score >= band.min() && score <= band.max())
				.findFirst()
				.orElse(null);
		}

		String key() {
			return this.id + "@" + this.version;
		}

		int maxScore() {
			int max = this.options.stream().mapToInt(AnswerOption::value).max().orElse(0);
			return max * this.items.size();
		}

	}

	record Item(String id, Text text, @Nullable Integer riskSignalAtLeast) {
	}

	record AnswerOption(int value, Text label) {
	}

	record Band(String id, int min, int max, Text label) {
	}

}
