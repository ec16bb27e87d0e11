package be.cocon.programme;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import be.cocon.identity.Account;
import be.cocon.identity.Accounts;
import be.cocon.identity.UserId;
import be.cocon.privacy.ErasedClient;
import be.cocon.privacy.PersonalData;
import be.cocon.programme.EnrolmentDocument.StepRecord;

/**
 * A client's programmes: every enrolment with every answer (all rounds), the therapist's
 * comments and the questionnaire scores, in the client's language; deleted at erasure
 * with the client's index and open-programme claims. The guide conversations go with the
 * chat module's part.
 */
@Component
class ProgrammePersonalData implements PersonalData {

	private final Enrolments enrolments;

	private final ProgrammeService programmes;

	private final Accounts accounts;

	ProgrammePersonalData(Enrolments enrolments, ProgrammeService programmes, Accounts accounts) {
		this.enrolments = enrolments;
		this.programmes = programmes;
		this.accounts = accounts;
	}

	@Override
	public String section() {
		return "programmes";
	}

	@Override
	public Set<String> collections() {
		return Set.of(EnrolmentDocument.COLLECTION, Enrolments.CLIENT_ENROLMENTS, Enrolments.OPEN_CLAIMS);
	}

	@Override
	public Object export(String clientId) {
		String locale = this.accounts.findById(new UserId(clientId)).map(Account::locale).orElse("nl");
		List<EnrolmentDocument> all = new ArrayList<>(this.enrolments.findAllOf(clientId));
		all.sort(Comparator.comparing(EnrolmentDocument::startedAt));
		Set<String> therapists = new LinkedHashSet<>();
		all.forEach((enrolment) -> records(enrolment)
			.forEach((done) -> done.comments().forEach((comment) -> therapists.add(comment.therapistId()))));
		Map<String, String> names = this.accounts.findAll(therapists.stream().map(UserId::new).toList())
			.stream()
			.collect(Collectors.toMap((account) -> account.id().value(), Account::pseudonym));
		return all.stream()
			.map((enrolment) -> EnrolmentExport.of(enrolment, this.programmes.programmeOf(enrolment), locale, names))
			.toList();
	}

	@Override
	public void erase(ErasedClient client) {
		this.enrolments.deleteAllOf(client.clientId(), client.idPrefixPattern(":"));
	}

	/** Every answered step, earlier rounds first. */
	static List<StepRecord> records(EnrolmentDocument enrolment) {
		List<StepRecord> all = new ArrayList<>(enrolment.earlierRuns());
		all.addAll(enrolment.steps());
		return all;
	}

	/**
	 * One enrolment.
	 *
	 * @param programme its title
	 * @param version the version of the programme the client followed
	 * @param status where it stands
	 * @param startedAt when it began
	 * @param completedAt when it was finished, or null
	 * @param answers every answered step, earlier rounds first
	 * @param scores the questionnaire scores
	 */
	record EnrolmentExport(String programme, int version, EnrolmentDocument.Status status, Instant startedAt,
			@Nullable Instant completedAt, List<AnswerExport> answers, List<ScoreExport> scores) {

		static EnrolmentExport of(EnrolmentDocument enrolment, Content.Programme programme, String locale,
				Map<String, String> names) {
			List<AnswerExport> answers = new ArrayList<>();
			List<ScoreExport> scores = new ArrayList<>();
			for (StepRecord done : records(enrolment)) {
				Content.Step step = programme.step(done.stepId());
				answers.add(AnswerExport.of(done, step, locale, names));
				if (done.kind() == Content.StepKind.QUESTIONNAIRE
						&& done.answer().get("score") instanceof Integer score) {
					scores.add(new ScoreExport((step != null) ? String.valueOf(step.questionnaire()) : done.stepId(),
							done.answeredAt(), score, String.valueOf(done.answer().get("band"))));
				}
			}
			return new EnrolmentExport(programme.title().in(locale), enrolment.version(), enrolment.status(),
					enrolment.startedAt(), enrolment.completedAt(), answers, scores);
		}

	}

	/**
	 * One answered step.
	 *
	 * @param step what the step asked
	 * @param kind its kind
	 * @param run which round of the programme
	 * @param startedAt when the step was shown
	 * @param answeredAt when it was answered
	 * @param answer the answer as stored (choices by option id)
	 * @param chosen the labels of the chosen options, for a choice step
	 * @param comments the therapist's comments on it
	 */
	record AnswerExport(String step, Content.StepKind kind, int run, Instant startedAt, Instant answeredAt,
			Map<String, Object> answer, @Nullable List<String> chosen, List<CommentExport> comments) {

		static AnswerExport of(StepRecord done, Content.@Nullable Step step, String locale, Map<String, String> names) {
			String text = (step != null) ? step.text().in(locale) : done.stepId();
			List<String> chosen = null;
			if (step != null && step.options() != null) {
				List<Object> ids = new ArrayList<>();
				if (done.answer().get("option") != null) {
					ids.add(done.answer().get("option"));
				}
				if (done.answer().get("options") instanceof List<?> options) {
					ids.addAll(options);
				}
				chosen = step.options()
					.stream()
					.filter((option) -> ids.contains(option.id()))
					.map((option) -> option.label().in(locale))
					.toList();
			}
			return new AnswerExport(text, done.kind(), done.run(), done.startedAt(), done.answeredAt(), done.answer(),
					chosen,
					done.comments()
						.stream()
						.map((comment) -> new CommentExport(names.get(comment.therapistId()), comment.at(),
								comment.text()))
						.toList());
		}

	}

	/**
	 * @param by the therapist (pseudonym), or null when that account no longer exists
	 * @param at when
	 * @param text the comment
	 */
	record CommentExport(@Nullable String by, Instant at, String text) {
	}

	/**
	 * @param questionnaire e.g. {@code phq-9}
	 * @param at when it was filled in
	 * @param score the total
	 * @param band the result's band, e.g. {@code mild}
	 */
	record ScoreExport(String questionnaire, Instant at, int score, String band) {
	}

}
