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
	 * An enrolment with its progress, for the client and their therapist; {@code run}
	 * counts the times the client started the programme (a repeat is a new run of the
	 * same enrolment), {@code answers} and {@code scores} hold every run (earlier runs
	 * first, each with its run), {@code stepsDone} counts the current run and
	 * {@code stepsTotal} is that plus the longest way from the current step to the end;
	 * {@code questionnaires} describes the questionnaires the programme version uses
	 * (maximum and score bands, for charts).
	 */
	record EnrolmentView(String id, String programmeId, int version, Map<String, String> title, String status,
			String conversationId, @Nullable String currentStepId, int stepsDone, int stepsTotal, int run,
			Instant startedAt, Instant updatedAt, @Nullable Instant completedAt, List<AnsweredStep> answers,
			List<Score> scores, List<QuestionnaireInfo> questionnaires) {

		static EnrolmentView of(EnrolmentDocument enrolment, PinnedContent content) {
			Programme programme = content.programme();
			List<AnsweredStep> answers = concat(enrolment.earlierRuns(), enrolment.steps()).stream()
				.map((done) -> AnsweredStep.of(done, programme))
				.toList();
			List<Score> scores = new java.util.ArrayList<>();
			for (StepRecord done : concat(enrolment.earlierRuns(), enrolment.steps())) {
				if (done.kind() == Content.StepKind.QUESTIONNAIRE) {
					Content.Step step = programme.step(done.stepId());
					scores.add(new Score((step != null) ? String.valueOf(step.questionnaire()) : "", done.run(),
							done.answeredAt(), (Integer) done.answer().get("score"),
							String.valueOf(done.answer().get("band"))));
				}
			}
			int stepsDone = enrolment.steps().size();
			int total = stepsTotal(enrolment, programme);
			return new EnrolmentView(enrolment.id(), enrolment.programmeId(), enrolment.version(),
					programme.title().both(), enrolment.status().name(), enrolment.conversationId(),
					enrolment.currentStepId(), stepsDone, total, enrolment.run(), enrolment.startedAt(),
					enrolment.updatedAt(), enrolment.completedAt(), answers, scores,
					content.questionnaires().values().stream().map(QuestionnaireInfo::of).toList());
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

	/**
	 * A questionnaire score.
	 *
	 * @param questionnaire the questionnaire id
	 * @param run the run of the enrolment it was given in
	 * @param at when it was answered
	 * @param score the total
	 * @param band the id of the score band
	 */
	record Score(String questionnaire, int run, Instant at, Integer score, String band) {
	}

	/**
	 * A questionnaire as the enrolment's programme version pinned it: its highest total
	 * and its score bands (from the content file), lowest first.
	 */
	record QuestionnaireInfo(String id, String name, int maxScore, List<BandInfo> bands) {

		static QuestionnaireInfo of(Content.Questionnaire questionnaire) {
			return new QuestionnaireInfo(questionnaire.id(), questionnaire.name(), questionnaire.maxScore(),
					questionnaire.bands()
						.stream()
						.sorted(java.util.Comparator.comparingInt(Content.Band::min))
						.map((band) -> new BandInfo(band.id(), band.min(), band.max(), band.label().both()))
						.toList());
		}

	}

	/** A score band: totals {@code min} to {@code max} (both included). */
	record BandInfo(String id, int min, int max, Map<String, String> label) {
	}

}
