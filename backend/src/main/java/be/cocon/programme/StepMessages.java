package be.cocon.programme;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import be.cocon.chat.GuideMessages;
import be.cocon.chat.MessageKind;
import be.cocon.programme.Content.Programme;
import be.cocon.programme.Content.Questionnaire;
import be.cocon.programme.Content.Step;

/**
 * Turns steps and answers into chat messages in the enrolment's guide conversation, in
 * the client's language, with the data the browser needs to offer quick replies. Each
 * message has a client message id computed from enrolment, run and step, so posting it
 * again (after a crash, on resume) never duplicates it.
 */
@Component
class StepMessages {

	private final GuideMessages chat;

	StepMessages(GuideMessages chat) {
		this.chat = chat;
	}

	void postStep(EnrolmentDocument enrolment, PinnedContent content, Step step, String locale) {
		this.chat.post(enrolment.conversationId(), GuideMessages.GUIDE, "step-" + enrolment.run() + "-" + step.id(),
				MessageKind.STEP, step.text().in(locale), stepData(enrolment, content, step, locale));
	}

	void postAnswer(EnrolmentDocument enrolment, Step step, String summary, Map<String, Object> answer) {
		this.chat.post(enrolment.conversationId(), enrolment.clientId(), "answer-" + enrolment.run() + "-" + step.id(),
				MessageKind.ANSWER, summary,
				Map.of("enrolmentId", enrolment.id(), "stepId", step.id(), "answer", answer));
	}

	/**
	 * The completion notice of a run, with a summary of it for the browser's summary
	 * card: steps done, time spent on timed exercises, when the run started and ended,
	 * and each questionnaire's score with its band (as the pinned questionnaire scores
	 * it).
	 */
	void postCompleted(EnrolmentDocument enrolment, PinnedContent content, String text, String locale) {
		List<Map<String, Object>> scores = new ArrayList<>();
		int exerciseSeconds = 0;
		for (EnrolmentDocument.StepRecord done : enrolment.steps()) {
			if (done.kind() == Content.StepKind.TIMER && done.answer().get("secondsSpent") instanceof Integer spent) {
				exerciseSeconds += spent;
			}
			Step step = content.programme().step(done.stepId());
			Questionnaire questionnaire = (step != null) ? content.questionnaireOf(step) : null;
			if (questionnaire != null && done.answer().get("score") instanceof Integer score) {
				Content.Band band = questionnaire.bandOf(score);
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("questionnaire", questionnaire.id());
				entry.put("name", questionnaire.name());
				entry.put("score", score);
				entry.put("maxScore", questionnaire.maxScore());
				entry.put("band", (band != null) ? band.id() : "unknown");
				entry.put("bandLabel", (band != null) ? band.label().in(locale) : "");
				scores.add(entry);
			}
		}
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("stepsDone", enrolment.steps().size());
		summary.put("exerciseSeconds", exerciseSeconds);
		Instant started = enrolment.steps().isEmpty() ? enrolment.startedAt() : enrolment.steps().get(0).startedAt();
		Instant completed = (enrolment.completedAt() != null) ? enrolment.completedAt() : started;
		// in milliseconds, as the store keeps them
		summary.put("startedAt", started.truncatedTo(ChronoUnit.MILLIS).toString());
		summary.put("completedAt", completed.truncatedTo(ChronoUnit.MILLIS).toString());
		summary.put("scores", scores);
		this.chat.post(enrolment.conversationId(), GuideMessages.GUIDE, "notice-" + enrolment.run() + "-completed",
				MessageKind.NOTICE, text, Map.of("enrolmentId", enrolment.id(), "notice", "completed", "summary",
						summary, "title", content.programme().title().in(locale)));
	}

	/**
	 * A therapist's comment on an answer, in the client's guide conversation;
	 * {@code module} is the title of the step's module in the client's language, so the
	 * client sees what the comment is about.
	 */
	void postFeedback(EnrolmentDocument enrolment, String therapistId, String stepId, int run, int index, String text,
			String module) {
		this.chat.addParticipant(enrolment.conversationId(), therapistId);
		this.chat.post(enrolment.conversationId(), therapistId, "feedback-" + stepId + "-" + run + "-" + index,
				MessageKind.FEEDBACK, text,
				Map.of("enrolmentId", enrolment.id(), "stepId", stepId, "run", run, "module", module));
	}

	private static Map<String, Object> stepData(EnrolmentDocument enrolment, PinnedContent content, Step step,
			String locale) {
		Programme programme = content.programme();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("enrolmentId", enrolment.id());
		data.put("programmeId", programme.id());
		data.put("stepId", step.id());
		data.put("kind", step.kind().name());
		Content.Module module = programme.moduleOf(step.id());
		data.put("module", (module != null) ? module.title().in(locale) : "");
		// counted along the client's way through the branches, so the position never
		// jumps
		int done = enrolment.steps().size();
		data.put("position", done + 1);
		data.put("total", done + StepEngine.longestPathFrom(programme, step.id()));
		if (step.options() != null) {
			data.put("options",
					step.options()
						.stream()
						.map((option) -> Map.of("id", option.id(), "label", option.label().in(locale)))
						.toList());
		}
		if (step.scale() != null) {
			data.put("scale", Map.of("min", step.scale().min(), "max", step.scale().max(), "minLabel",
					step.scale().minLabel().in(locale), "maxLabel", step.scale().maxLabel().in(locale)));
		}
		if (step.kind() == Content.StepKind.MOOD) {
			data.put("scale", Map.of("min", 1, "max", 10, "minLabel", "😞", "maxLabel", "😊"));
		}
		if (step.timer() != null) {
			data.put("timer",
					Map.of("seconds", step.timer().seconds(), "instructions", step.timer().instructions().in(locale)));
		}
		Questionnaire questionnaire = content.questionnaireOf(step);
		if (questionnaire != null) {
			data.put("questionnaire", questionnaireData(questionnaire, locale));
		}
		return data;
	}

	private static Map<String, Object> questionnaireData(Questionnaire questionnaire, String locale) {
		List<Map<String, Object>> items = questionnaire.items()
			.stream()
			.map((item) -> Map.<String, Object>of("id", item.id(), "text", item.text().in(locale)))
			.toList();
		List<Map<String, Object>> options = questionnaire.options()
			.stream()
			.map((option) -> Map.<String, Object>of("value", option.value(), "label", option.label().in(locale)))
			.toList();
		return Map.of("id", questionnaire.id(), "name", questionnaire.name(), "instructions",
				questionnaire.instructions().in(locale), "items", items, "options", options);
	}

}
