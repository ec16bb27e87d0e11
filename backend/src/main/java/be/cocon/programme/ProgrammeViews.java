package be.cocon.programme;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import be.cocon.programme.Content.Programme;
import be.cocon.programme.EnrolmentDocument.StepRecord;

/** What the programme API returns. */
final class ProgrammeViews {

	private ProgrammeViews() {
	}

	record CatalogueEntry(String id, int version, Map<String, String> title, Map<String, String> summary,
			Map<String, String> audience, int estimatedMinutes, int steps, List<Map<String, String>> modules) {

		static CatalogueEntry of(Programme programme) {
			return new CatalogueEntry(programme.id(), programme.version(), programme.title().both(),
					programme.summary().both(), programme.audience().both(), programme.estimatedMinutes(),
					programme.steps().size(),
					programme.modules().stream().map((module) -> module.title().both()).toList());
		}

	}

	/**
	 * An enrolment with its progress, for the client and their therapist; {@code answers}
	 * holds every run (earlier runs first), {@code stepsDone} counts the current run and
	 * {@code stepsTotal} is that plus the longest way from the current step to the end.
	 */
	record EnrolmentView(String id, String programmeId, int version, Map<String, String> title, String status,
			String conversationId, @Nullable String currentStepId, int stepsDone, int stepsTotal, int run,
			Instant startedAt, Instant updatedAt, @Nullable Instant completedAt, List<AnsweredStep> answers,
			List<Score> scores) {

		static EnrolmentView of(EnrolmentDocument enrolment, Programme programme) {
			List<AnsweredStep> answers = concat(enrolment.earlierRuns(), enrolment.steps()).stream()
				.map((done) -> AnsweredStep.of(done, programme))
				.toList();
			List<Score> scores = new java.util.ArrayList<>();
			for (StepRecord done : concat(enrolment.earlierRuns(), enrolment.steps())) {
				if (done.kind() == Content.StepKind.QUESTIONNAIRE) {
					Content.Step step = programme.step(done.stepId());
					scores.add(new Score((step != null) ? String.valueOf(step.questionnaire()) : "", done.answeredAt(),
							(Integer) done.answer().get("score"), String.valueOf(done.answer().get("band"))));
				}
			}
			int stepsDone = enrolment.steps().size();
			int total = stepsTotal(enrolment, programme);
			return new EnrolmentView(enrolment.id(), enrolment.programmeId(), enrolment.version(),
					programme.title().both(), enrolment.status().name(), enrolment.conversationId(),
					enrolment.currentStepId(), stepsDone, total, enrolment.run(), enrolment.startedAt(),
					enrolment.updatedAt(), enrolment.completedAt(), answers, scores);
		}

		/**
		 * The steps done in this run plus the longest way from the current step to the
		 * end (the steps done, once completed): the client's way through the branches.
		 */
		static int stepsTotal(EnrolmentDocument enrolment, Programme programme) {
			String current = (enrolment.status() != EnrolmentDocument.Status.COMPLETED) ? enrolment.currentStepId()
					: null;
			return enrolment.steps().size() + ((current != null && programme.step(current) != null)
					? StepEngine.longestPathFrom(programme, current) : 0);
		}

		private static List<StepRecord> concat(List<StepRecord> a, List<StepRecord> b) {
			List<StepRecord> all = new java.util.ArrayList<>(a);
			all.addAll(b);
			return all;
		}

	}

	/**
	 * An answered step; {@code optionLabels} gives the labels of a choice step's options
	 * by id, because answers store ids.
	 */
	record AnsweredStep(String stepId, String kind, int run, Map<String, String> text, Instant startedAt,
			Instant answeredAt, Map<String, Object> answer, Map<String, Map<String, String>> optionLabels,
			List<EnrolmentDocument.Comment> comments) {

		static AnsweredStep of(StepRecord done, Programme programme) {
			Content.Step step = programme.step(done.stepId());
			Map<String, String> text = (step != null) ? step.text().both() : Map.of();
			Map<String, Map<String, String>> labels = new java.util.LinkedHashMap<>();
			if (step != null && step.options() != null) {
				step.options().forEach((option) -> labels.put(option.id(), option.label().both()));
			}
			return new AnsweredStep(done.stepId(), done.kind().name(), done.run(), text, done.startedAt(),
					done.answeredAt(), done.answer(), labels, done.comments());
		}

	}

	record Score(String questionnaire, Instant at, Integer score, String band) {
	}

}
