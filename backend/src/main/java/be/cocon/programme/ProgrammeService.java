package be.cocon.programme;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import be.cocon.chat.ConversationKind;
import be.cocon.chat.GuideMessages;
import be.cocon.identity.Account;
import be.cocon.identity.Accounts;
import be.cocon.identity.Role;
import be.cocon.identity.UserId;
import be.cocon.programme.Content.Programme;
import be.cocon.programme.Content.Step;
import be.cocon.programme.EnrolmentDocument.Status;
import be.cocon.programme.EnrolmentDocument.StepRecord;

/**
 * Enrolments and the step engine at work: enrol, answer (validate, record, advance, post
 * the next step), pause, resume, restart, leave, and therapist comments.
 */
@Service
class ProgrammeService implements SmartInitializingSingleton {

	private final ContentCatalog catalog;

	private final Enrolments enrolments;

	private final StepMessages messages;

	private final GuideMessages chat;

	private final Accounts accounts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	static final int MAX_COMMENT = 2000;

	private final Map<String, PinnedContent> versions = new ConcurrentHashMap<>();

	ProgrammeService(ContentCatalog catalog, Enrolments enrolments, StepMessages messages, GuideMessages chat,
			Accounts accounts, ApplicationEventPublisher events, Clock clock) {
		this.catalog = catalog;
		this.enrolments = enrolments;
		this.messages = messages;
		this.chat = chat;
		this.accounts = accounts;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Keeps a copy of every programme and questionnaire version, so running enrolments
	 * never change under a client; a programme version pins the questionnaire versions
	 * current when it was first stored. A content file changed without a raised version
	 * stops startup.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		this.catalog.questionnaireSources().forEach((key, json) -> {
			if (!this.enrolments.storeQuestionnaire(key, json)) {
				throw new IllegalStateException("Questionnaire " + key + " changed since it was first used, but its "
						+ "version did not: raise 'version' in its content file.");
			}
		});
		for (Programme programme : this.catalog.programmes()) {
			Map<String, Integer> questionnaires = new java.util.LinkedHashMap<>();
			programme.questionnaireIds()
				.forEach((id) -> questionnaires.put(id, this.catalog.questionnaire(id).orElseThrow().version()));
			if (!this.enrolments.storeVersion(programme.key(), this.catalog.sources().get(programme.key()),
					questionnaires)) {
				throw new IllegalStateException("Programme " + programme.key() + " changed since it was first used, "
						+ "but its version did not: raise 'version' in its content file.");
			}
		}
	}

	/**
	 * Starts a programme for a client. When the client completed it before, this starts
	 * the next run of that enrolment (same id, same guide conversation, earlier answers
	 * kept) instead of a second enrolment; {@code run} > 1 tells the two apart. An open
	 * enrolment of the programme refuses both ({@code enrolment.exists}).
	 */
	EnrolmentDocument enrol(String clientId, String programmeId, String enrolledBy) {
		Programme current = this.catalog.current(programmeId)
			.orElseThrow(
					() -> AnswerProblem.notFound("programme.not-found", "There is no programme " + programmeId + "."));
		Account client = clientAccount(clientId);
		EnrolmentDocument completed = latestCompleted(clientId, programmeId);
		if (completed != null) {
			return restart(clientId, completed.id());
		}
		String id = UUID.randomUUID().toString();
		if (!this.enrolments.claimOpen(clientId, programmeId, id)) {
			throw AnswerProblem.conflict("enrolment.exists", "You are already following this programme.");
		}
		Instant now = this.clock.instant();
		PinnedContent content = pinned(current.key());
		Step first = content.programme().steps().get(0);
		EnrolmentDocument enrolment = new EnrolmentDocument(id, clientId, programmeId, current.version(), "guide-" + id,
				Status.ACTIVE, first.id(), now, 1, List.of(), List.of(), now, now, null, enrolledBy, 0);
		this.enrolments.insert(enrolment);
		this.chat.open(enrolment.conversationId(), ConversationKind.GUIDE, List.of(clientId, GuideMessages.GUIDE));
		this.messages.postStep(enrolment, content, first, client.locale());
		return enrolment;
	}

	EnrolmentDocument answer(String clientId, String enrolmentId, @Nullable String stepId,
			@Nullable Map<String, Object> raw) {
		for (int attempt = 0; attempt < 3; attempt++) {
			EnrolmentDocument enrolment = own(clientId, enrolmentId);
			requireActive(enrolment);
			if (stepId == null || !stepId.equals(enrolment.currentStepId())) {
				boolean answered = enrolment.steps()
					.stream()
					.anyMatch((done) -> done.stepId().equals(stepId) && done.run() == enrolment.run());
				throw answered ? AnswerProblem.conflict("answer.already-given", "This step was already answered.")
						: AnswerProblem.conflict("answer.not-current-step", "This is not the step you are on now.");
			}
			PinnedContent content = pinned(enrolment);
			Step step = content.programme().step(stepId);
			StepEngine.Accepted accepted = StepEngine.accept(step, (raw != null) ? raw : Map.of(),
					content.questionnaireOf(step));
			String next = StepEngine.next(content.programme(), step, accepted);
			EnrolmentDocument advanced = advance(enrolment, step, accepted, next);
			if (this.enrolments.replace(enrolment, advanced)) {
				afterAnswer(advanced, content, step, accepted, next);
				return this.enrolments.findById(enrolmentId).orElseThrow();
			}
		}
		throw AnswerProblem.conflict("answer.already-given", "This step was answered at the same time elsewhere.");
	}

	EnrolmentDocument pause(String clientId, String enrolmentId) {
		return change(clientId, enrolmentId, Status.ACTIVE, (enrolment) -> withStatus(enrolment, Status.PAUSED));
	}

	EnrolmentDocument resume(String clientId, String enrolmentId) {
		EnrolmentDocument resumed = change(clientId, enrolmentId, null,
				(enrolment) -> (enrolment.status() == Status.PAUSED) ? withStatus(enrolment, Status.ACTIVE)
						: enrolment);
		requireActive(resumed);
		repostCurrentStep(resumed);
		return resumed;
	}

	/**
	 * Starts a new run of an open or completed enrolment (earlier runs are kept). A
	 * completed one becomes open again, so it must win the client's claim on the
	 * programme: with another open enrolment of the same programme it is refused.
	 */
	EnrolmentDocument restart(String clientId, String enrolmentId) {
		EnrolmentDocument before = own(clientId, enrolmentId);
		requireNotLeft(before);
		boolean claimed = false;
		if (!before.isOpen()) {
			if (!this.enrolments.claimOpen(before.clientId(), before.programmeId(), before.id())) {
				throw AnswerProblem.conflict("enrolment.exists",
						"You are already following this programme; continue that one instead.");
			}
			claimed = true;
		}
		EnrolmentDocument restarted;
		try {
			restarted = change(clientId, enrolmentId, null, this::nextRun);
		}
		catch (RuntimeException ex) {
			if (claimed) {
				this.enrolments.releaseOpen(before.clientId(), before.programmeId(), before.id());
			}
			throw ex;
		}
		repostCurrentStep(restarted);
		return restarted;
	}

	/** Stops an open enrolment; a completed or left one cannot be left (again). */
	EnrolmentDocument leave(String clientId, String enrolmentId) {
		EnrolmentDocument left = change(clientId, enrolmentId, null, (enrolment) -> {
			if (!enrolment.isOpen()) {
				throw AnswerProblem.conflict(statusCode(enrolment),
						"This programme is already " + enrolment.status().name().toLowerCase(java.util.Locale.ROOT)
								+ "; there is nothing to leave.");
			}
			return withStatus(enrolment, Status.LEFT);
		});
		this.enrolments.releaseOpen(left.clientId(), left.programmeId(), left.id());
		return left;
	}

	/**
	 * A therapist's comment on an answered step; it appears in the client's guide
	 * conversation.
	 */
	EnrolmentDocument comment(String therapistId, String enrolmentId, String stepId, int run, String text) {
		if (text.codePointCount(0, text.length()) > MAX_COMMENT) {
			throw AnswerProblem.of("comment.too-long", "A comment can be at most " + MAX_COMMENT + " characters.")
				.withFieldError("text", "comment.too-long");
		}
		for (int attempt = 0; attempt < 3; attempt++) {
			EnrolmentDocument enrolment = this.enrolments.findById(enrolmentId)
				.orElseThrow(() -> AnswerProblem.notFound("enrolment.not-found", "There is no such enrolment."));
			requireTherapistOf(therapistId, enrolment.clientId());
			// the answer may be in the current run or in an earlier one (before a
			// restart)
			List<StepRecord> current = new ArrayList<>(enrolment.steps());
			List<StepRecord> earlier = new ArrayList<>(enrolment.earlierRuns());
			List<StepRecord> holder = (indexOf(current, stepId, run) >= 0) ? current : earlier;
			int index = indexOf(holder, stepId, run);
			if (index < 0) {
				throw AnswerProblem.notFound("step.not-answered", "This step has no answer to comment on.");
			}
			StepRecord done = holder.get(index);
			List<EnrolmentDocument.Comment> comments = new ArrayList<>(done.comments());
			comments.add(new EnrolmentDocument.Comment(therapistId, text, this.clock.instant()));
			holder.set(index, new StepRecord(done.stepId(), done.kind(), done.run(), done.startedAt(),
					done.answeredAt(), done.answer(), comments));
			EnrolmentDocument changed = withSteps(enrolment, current, earlier);
			if (this.enrolments.replace(enrolment, changed)) {
				Content.Module module = pinned(enrolment).programme().moduleOf(stepId);
				String locale = clientAccount(enrolment.clientId()).locale();
				this.messages.postFeedback(enrolment, therapistId, stepId, run, comments.size(), text,
						(module != null) ? module.title().in(locale) : "");
				if (!isTherapistOf(therapistId, enrolment.clientId())) {
					// the client moved on while this comment was written: GuideTherapists
					// may have taken the therapist out before the feedback put them in
					this.chat.removeParticipant(enrolment.conversationId(), therapistId);
				}
				return changed;
			}
		}
		throw AnswerProblem.conflict("enrolment.busy", "The enrolment changed at the same time; try again.");
	}

	/**
	 * The client's most recently completed enrolment in this programme (older data may
	 * hold more than one), found through the client's index of enrolment ids.
	 */
	private @Nullable EnrolmentDocument latestCompleted(String clientId, String programmeId) {
		return this.enrolments.findByClient(clientId)
			.stream()
			.filter((enrolment) -> enrolment.programmeId().equals(programmeId) && enrolment.status() == Status.COMPLETED
					&& enrolment.completedAt() != null)
			.max(Comparator.comparing(EnrolmentDocument::completedAt))
			.orElse(null);
	}

	List<EnrolmentDocument> enrolmentsOf(String clientId) {
		return this.enrolments.findByClient(clientId);
	}

	EnrolmentDocument own(String clientId, String enrolmentId) {
		EnrolmentDocument enrolment = this.enrolments.findById(enrolmentId)
			.orElseThrow(() -> AnswerProblem.notFound("enrolment.not-found", "There is no such enrolment."));
		if (!enrolment.clientId().equals(clientId)) {
			throw AnswerProblem.notFound("enrolment.not-found", "There is no such enrolment.");
		}
		return enrolment;
	}

	Programme programmeOf(EnrolmentDocument enrolment) {
		return pinned(enrolment).programme();
	}

	/**
	 * The enrolment's programme version with its pinned questionnaires, from the store.
	 */
	PinnedContent pinned(EnrolmentDocument enrolment) {
		return pinned(enrolment.programmeKey());
	}

	private PinnedContent pinned(String programmeKey) {
		return this.versions.computeIfAbsent(programmeKey, (key) -> {
			Enrolments.StoredVersion stored = this.enrolments.storedVersion(key)
				.orElseThrow(() -> new IllegalStateException("Programme version " + key + " is missing"));
			Programme programme = ContentCatalog.JSON.readValue(stored.json(), Programme.class);
			Map<String, Content.Questionnaire> questionnaires = new java.util.LinkedHashMap<>();
			for (String id : programme.questionnaireIds()) {
				String questionnaireKey = id + "@" + stored.questionnaires().get(id);
				String json = this.enrolments.storedQuestionnaire(questionnaireKey)
					.orElseThrow(() -> new IllegalStateException(
							"Questionnaire " + questionnaireKey + " pinned by " + key + " is missing"));
				questionnaires.put(id, ContentCatalog.JSON.readValue(json, Content.Questionnaire.class));
			}
			return new PinnedContent(programme, Map.copyOf(questionnaires));
		});
	}

	void requireTherapistOf(String therapistId, String clientId) {
		if (!isTherapistOf(therapistId, clientId)) {
			throw AnswerProblem.forbidden("client.not-in-caseload", "This client is not in your caseload.");
		}
	}

	private boolean isTherapistOf(String therapistId, String clientId) {
		Account client = this.accounts.findById(new UserId(clientId)).orElse(null);
		return client != null && client.therapistId() != null && client.therapistId().value().equals(therapistId);
	}

	private void afterAnswer(EnrolmentDocument enrolment, PinnedContent content, Step step,
			StepEngine.Accepted accepted, String next) {
		Programme programme = content.programme();
		String locale = clientAccount(enrolment.clientId()).locale();
		this.messages.postAnswer(enrolment, step, AnswerSummaries.of(step, accepted, locale), accepted.values());
		Content.Questionnaire questionnaire = content.questionnaireOf(step);
		accepted.risks()
			.forEach((item, value) -> this.events
				.publishEvent(riskSignalled(enrolment, step, questionnaire, item, value)));
		if (ContentValidator.END.equals(next)) {
			this.enrolments.releaseOpen(enrolment.clientId(), enrolment.programmeId(), enrolment.id());
			this.messages.postCompleted(enrolment, content, AnswerSummaries.completed(programme, locale), locale);
		}
		else {
			this.messages.postStep(enrolment, content, programme.step(next), locale);
		}
	}

	private RiskSignalled riskSignalled(EnrolmentDocument enrolment, Step step,
			Content.@Nullable Questionnaire questionnaire, String itemId, int value) {
		String name = (questionnaire != null) ? questionnaire.name() : String.valueOf(step.questionnaire());
		int number = 0;
		int max = value;
		if (questionnaire != null) {
			for (int i = 0; i < questionnaire.items().size(); i++) {
				if (questionnaire.items().get(i).id().equals(itemId)) {
					number = i + 1;
				}
			}
			max = questionnaire.options().stream().mapToInt(Content.AnswerOption::value).max().orElse(value);
		}
		return new RiskSignalled(enrolment.clientId(), enrolment.id(), enrolment.conversationId(),
				step.questionnaire() + ":" + itemId, value, this.clock.instant(), name, number, max);
	}

	private EnrolmentDocument advance(EnrolmentDocument enrolment, Step step, StepEngine.Accepted accepted,
			String next) {
		Instant now = this.clock.instant();
		List<StepRecord> steps = new ArrayList<>(enrolment.steps());
		steps.add(new StepRecord(step.id(), step.kind(), enrolment.run(), enrolment.currentStepStartedAt(), now,
				accepted.values(), List.of()));
		boolean done = ContentValidator.END.equals(next);
		return new EnrolmentDocument(enrolment.id(), enrolment.clientId(), enrolment.programmeId(), enrolment.version(),
				enrolment.conversationId(), done ? Status.COMPLETED : Status.ACTIVE, done ? null : next, now,
				enrolment.run(), steps, enrolment.earlierRuns(), enrolment.startedAt(), now, done ? now : null,
				enrolment.enrolledBy(), enrolment.revision());
	}

	private EnrolmentDocument change(String clientId, String enrolmentId, @Nullable Status required,
			java.util.function.UnaryOperator<EnrolmentDocument> change) {
		for (int attempt = 0; attempt < 3; attempt++) {
			EnrolmentDocument enrolment = own(clientId, enrolmentId);
			if (required != null && enrolment.status() != required) {
				throw AnswerProblem.conflict("enrolment.not-" + required.name().toLowerCase(java.util.Locale.ROOT),
						"This programme is " + enrolment.status().name().toLowerCase(java.util.Locale.ROOT) + ".");
			}
			EnrolmentDocument changed = change.apply(enrolment);
			if (changed == enrolment || this.enrolments.replace(enrolment, changed)) {
				return this.enrolments.findById(enrolmentId).orElseThrow();
			}
		}
		throw AnswerProblem.conflict("enrolment.busy", "The enrolment changed at the same time; try again.");
	}

	private EnrolmentDocument nextRun(EnrolmentDocument enrolment) {
		requireNotLeft(enrolment);
		Programme programme = programmeOf(enrolment);
		List<StepRecord> earlier = new ArrayList<>(enrolment.earlierRuns());
		earlier.addAll(enrolment.steps());
		return new EnrolmentDocument(enrolment.id(), enrolment.clientId(), enrolment.programmeId(), enrolment.version(),
				enrolment.conversationId(), Status.ACTIVE, programme.steps().get(0).id(), this.clock.instant(),
				enrolment.run() + 1, List.of(), earlier, enrolment.startedAt(), enrolment.updatedAt(), null,
				enrolment.enrolledBy(), enrolment.revision());
	}

	private void repostCurrentStep(EnrolmentDocument enrolment) {
		if (enrolment.currentStepId() != null) {
			PinnedContent content = pinned(enrolment);
			this.messages.postStep(enrolment, content, content.programme().step(enrolment.currentStepId()),
					clientAccount(enrolment.clientId()).locale());
		}
	}

	private static void requireActive(EnrolmentDocument enrolment) {
		if (enrolment.status() != Status.ACTIVE) {
			throw AnswerProblem.conflict(statusCode(enrolment),
					"This programme is " + enrolment.status().name().toLowerCase(java.util.Locale.ROOT) + ".");
		}
	}

	private static void requireNotLeft(EnrolmentDocument enrolment) {
		if (enrolment.status() == Status.LEFT) {
			throw AnswerProblem.conflict("enrolment.left", "You left this programme; enrol again to start over.");
		}
	}

	/** {@code enrolment.active}, {@code enrolment.paused}, ... */
	private static String statusCode(EnrolmentDocument enrolment) {
		return "enrolment." + enrolment.status().name().toLowerCase(java.util.Locale.ROOT);
	}

	private Account clientAccount(String clientId) {
		Account client = this.accounts.findById(new UserId(clientId))
			.orElseThrow(() -> AnswerProblem.notFound("client.not-found", "There is no such client."));
		if (!client.hasRole(Role.CLIENT)) {
			throw AnswerProblem.of("client.not-a-client", "Only clients follow programmes.");
		}
		return client;
	}

	private static int indexOf(List<StepRecord> steps, String stepId, int run) {
		for (int i = 0; i < steps.size(); i++) {
			if (steps.get(i).stepId().equals(stepId) && steps.get(i).run() == run) {
				return i;
			}
		}
		return -1;
	}

	private static EnrolmentDocument withStatus(EnrolmentDocument e, Status status) {
		return new EnrolmentDocument(e.id(), e.clientId(), e.programmeId(), e.version(), e.conversationId(), status,
				e.currentStepId(), e.currentStepStartedAt(), e.run(), e.steps(), e.earlierRuns(), e.startedAt(),
				e.updatedAt(), e.completedAt(), e.enrolledBy(), e.revision());
	}

	private static EnrolmentDocument withSteps(EnrolmentDocument e, List<StepRecord> steps,
			List<StepRecord> earlierRuns) {
		return new EnrolmentDocument(e.id(), e.clientId(), e.programmeId(), e.version(), e.conversationId(), e.status(),
				e.currentStepId(), e.currentStepStartedAt(), e.run(), steps, earlierRuns, e.startedAt(), e.updatedAt(),
				e.completedAt(), e.enrolledBy(), e.revision());
	}

}
