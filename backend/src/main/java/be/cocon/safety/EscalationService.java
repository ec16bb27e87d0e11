package be.cocon.safety;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import be.cocon.chat.GuideMessages;
import be.cocon.chat.MessageKind;
import be.cocon.chat.SupportConversations;
import be.cocon.identity.Account;
import be.cocon.identity.Accounts;
import be.cocon.identity.UserId;
import be.cocon.platform.ApiProblem;
import be.cocon.privacy.AuditLog;
import be.cocon.programme.ProgrammeProgress;
import be.cocon.safety.EscalationDocument.DismissReason;
import be.cocon.safety.EscalationDocument.Note;
import be.cocon.safety.EscalationDocument.Outcome;
import be.cocon.safety.EscalationDocument.Signal;
import be.cocon.safety.EscalationDocument.Status;
import be.cocon.safety.EscalationViews.ContextConversation;
import be.cocon.safety.EscalationViews.ContextMessage;
import be.cocon.safety.EscalationViews.Detail;
import be.cocon.safety.EscalationViews.EventType;
import be.cocon.safety.EscalationViews.Summary;

/**
 * Escalations: a signal opens the client's one open escalation (or joins it), shows the
 * crisis card and alerts moderators and the therapist; moderators claim, join, note and
 * resolve; every moderator action is audited.
 */
@Service
class EscalationService {

	static final int MAX_TEXT = 4000;

	private final Escalations store;

	private final Accounts accounts;

	private final GuideMessages chat;

	private final SupportConversations support;

	private final CrisisResources crisis;

	private final EscalationBroadcast broadcast;

	private final AuditLog audit;

	private final SafetySettings settings;

	private final Clock clock;

	private final MeterRegistry meters;

	private final ModeratorNotices notices;

	private final ProgrammeProgress programmes;

	private final SafetyFigures figures;

	EscalationService(Escalations store, Accounts accounts, GuideMessages chat, SupportConversations support,
			CrisisResources crisis, EscalationBroadcast broadcast, AuditLog audit, SafetySettings settings, Clock clock,
			MeterRegistry meters, ModeratorNotices notices, ProgrammeProgress programmes, SafetyFigures figures) {
		this.store = store;
		this.accounts = accounts;
		this.chat = chat;
		this.support = support;
		this.crisis = crisis;
		this.broadcast = broadcast;
		this.audit = audit;
		this.settings = settings;
		this.clock = clock;
		this.meters = meters;
		this.notices = notices;
		this.programmes = programmes;
		this.figures = figures;
	}

	/**
	 * Records a signal on the client's open escalation (opening one if needed). A HIGH or
	 * MEDIUM signal shows the crisis card in the conversation it came from and alerts
	 * moderators and the therapist; a REVIEW signal only tells moderators (a review item,
	 * or one more signal on the open escalation). A HIGH or MEDIUM signal on a review
	 * item raises it to an escalation.
	 * @param cardIn the conversation to show the crisis card in, or null for none
	 */
	Raised signal(String clientId, Signal signal, @Nullable String cardIn) {
		Account client = account(clientId);
		String therapistId = (client.therapistId() != null) ? client.therapistId().value() : null;
		Escalations.Current current = this.store.openOrCurrent(clientId);
		if (signal.conversationId() != null && signal.seq() != null
				&& this.store.hasSignalFrom(current.id(), signal.conversationId(), signal.seq())) {
			// a message assessed again after a crash: its signal is there, its card shown
			EscalationDocument escalation = this.store.findById(current.id()).orElseThrow();
			return new Raised(escalation,
					this.crisis.card(this.crisis.countryOf(client.timezone()), client.locale(), signal.category()));
		}
		boolean raised = this.store.addSignal(current.id(), clientId, therapistId, signal, this.settings.maxSignals());
		EscalationDocument escalation = this.store.findById(current.id()).orElseThrow();
		for (int attempt = 0; escalation.isResolved() && attempt < 3; attempt++) {
			// resolved between finding it and adding the signal: the signal opens
			// the next one (closing the head first, in case the resolver has not)
			this.store.closeHead(escalation);
			current = this.store.openOrCurrent(clientId);
			raised = this.store.addSignal(current.id(), clientId, therapistId, signal, this.settings.maxSignals());
			escalation = this.store.findById(current.id()).orElseThrow();
		}
		counted(signal, current.opened(), raised);
		CrisisCard card = this.crisis.card(this.crisis.countryOf(client.timezone()), client.locale(),
				signal.category());
		boolean risky = signal.severity() != Severity.REVIEW;
		if (risky && cardIn != null) {
			showCrisisCard(escalation, cardIn, card, String.valueOf(escalation.signalCount()));
		}
		// a quiet signal and a review item are for moderators only
		EventType forTherapist = risky ? ((current.opened() || raised) ? EventType.OPENED : EventType.SIGNAL) : null;
		this.broadcast.changed(current.opened() ? EventType.OPENED : EventType.SIGNAL, forTherapist,
				summary(escalation), therapistId);
		return new Raised(escalation, card);
	}

	private void counted(Signal signal, boolean opened, boolean raised) {
		String category = (signal.category() != null) ? signal.category().name() : SafetyFigures.UNKNOWN;
		this.meters
			.counter("cocon.safety.signals", "severity", signal.severity().name(), "category", category, "source",
					signal.source().name())
			.increment();
		if (opened) {
			this.meters.counter("cocon.safety.escalations.opened", "source", signal.source().name()).increment();
			this.figures.opened(signal.at(), signal.severity(), signal.category(), signal.source());
		}
		if (raised) {
			reviewEscalated(signal.at());
		}
	}

	private void reviewEscalated(Instant at) {
		this.meters.counter("cocon.safety.reviews", "outcome", "escalated").increment();
		this.figures.reviewEscalated(at);
	}

	/** The crisis card for a client, in their language and for their country. */
	CrisisCard cardFor(String clientId) {
		Account client = account(clientId);
		return this.crisis.card(this.crisis.countryOf(client.timezone()), client.locale(), null);
	}

	/** The conversation a client's therapist reads, if the client has a therapist. */
	@Nullable String therapyConversationOf(String clientId) {
		// an erased client's anonymised escalations have no account any more
		Account client = this.accounts.findById(new UserId(clientId)).orElse(null);
		if (client == null || client.therapistId() == null) {
			return null;
		}
		return this.support.therapyConversation(clientId, client.therapistId().value()).orElse(null);
	}

	List<Summary> unresolved() {
		List<EscalationDocument> open = this.store.findAllById(this.store.indexed(Escalations.OPEN))
			.stream()
			.filter((escalation) -> !escalation.isResolved())
			.sorted(Comparator.comparing((EscalationDocument e) -> !e.overdue())
				.thenComparing(EscalationDocument::severity)
				.thenComparing(EscalationDocument::openedAt))
			.toList();
		return summaries(open);
	}

	List<Summary> recentlyResolved() {
		List<EscalationDocument> resolved = this.store.findAllById(this.store.indexed(Escalations.RESOLVED))
			.stream()
			.filter(EscalationDocument::isResolved)
			.sorted(Comparator.comparing(EscalationDocument::resolvedAt,
					Comparator.nullsLast(Comparator.reverseOrder())))
			.toList();
		return summaries(resolved);
	}

	/**
	 * The open escalations of these clients (a therapist's caseload); review items are
	 * for moderators only.
	 */
	List<Summary> unresolvedOf(Collection<String> clientIds) {
		return summaries(unresolvedDocumentsOf(clientIds));
	}

	/** The open escalations of these clients, without review items. */
	List<EscalationDocument> unresolvedDocumentsOf(Collection<String> clientIds) {
		return this.store.findAllById(this.store.openIdsOf(clientIds))
			.stream()
			.filter((escalation) -> !escalation.isResolved() && !escalation.isReview())
			.sorted(Comparator.comparing(EscalationDocument::openedAt))
			.toList();
	}

	Detail view(String id, String moderatorId) {
		EscalationDocument escalation = existing(id);
		this.audit.record(moderatorId, "escalation.view", escalation.clientId(), Map.of("escalationId", id));
		return detail(escalation);
	}

	Detail claim(String id, String moderatorId) {
		EscalationDocument escalation = this.store.claim(id, moderatorId, this.clock.instant()).orElse(null);
		if (escalation == null) {
			EscalationDocument current = existing(id);
			if (current.isResolved()) {
				throw ApiProblem.conflict("escalation.resolved", "This escalation is already resolved.");
			}
			if (!moderatorId.equals(current.claimedBy())) {
				throw ApiProblem.conflict("escalation.already-claimed",
						"Already claimed by " + pseudonymOf(current.claimedBy()) + ".");
			}
			return detail(current);
		}
		if (!escalation.isReview()) {
			Duration took = Duration.between(escalation.urgentSince(), escalation.claimedAt());
			this.meters.timer("cocon.safety.time.to.claim").record(took);
			this.figures.claimed(escalation.claimedAt(), took);
		}
		this.audit.record(moderatorId, "escalation.claim", escalation.clientId(), Map.of("escalationId", id));
		this.broadcast.changed(EventType.CLAIMED, summary(escalation), escalation.therapistId());
		return detail(escalation);
	}

	Detail join(String id, String moderatorId) {
		EscalationDocument escalation = claimedByMe(id, moderatorId);
		String conversationId = escalation.joinedConversationId();
		if (conversationId == null) {
			String therapy = therapyConversationOf(escalation.clientId());
			conversationId = (therapy != null) ? therapy : this.support.openSupport(escalation.clientId());
		}
		this.support.addModerator(conversationId, moderatorId);
		if (!this.store.setJoined(id, moderatorId, conversationId)) {
			this.support.removeModerator(conversationId, moderatorId);
			throw ApiProblem.conflict("escalation.not-claimed-by-you", "This escalation is not claimed by you.");
		}
		String moderator = pseudonymOf(moderatorId);
		this.chat.post(conversationId, GuideMessages.GUIDE, "moderator-joined-" + id + "-" + moderatorId,
				MessageKind.NOTICE, this.notices.joined(account(escalation.clientId()).locale(), moderator),
				Map.of("notice", "moderator-joined", "moderator", moderator));
		this.audit.record(moderatorId, "escalation.join", escalation.clientId(),
				Map.of("escalationId", id, "conversationId", conversationId));
		EscalationDocument joined = existing(id);
		this.broadcast.changed(EventType.JOINED, summary(joined), null);
		return detail(joined);
	}

	Detail note(String id, String moderatorId, @Nullable String rawText) {
		String text = required(rawText, "text", "A note needs text.");
		EscalationDocument escalation = existing(id);
		this.store.addNote(id, new Note(UUID.randomUUID().toString(), moderatorId, text, this.clock.instant()));
		this.audit.record(moderatorId, "escalation.note", escalation.clientId(), Map.of("escalationId", id));
		EscalationDocument noted = existing(id);
		this.broadcast.changed(EventType.NOTE, summary(noted), null);
		return detail(noted);
	}

	Detail resolve(String id, String moderatorId, @Nullable Outcome outcome, @Nullable String rawNote) {
		if (outcome == null) {
			throw ApiProblem.badRequest("escalation.outcome-required", "Choose how the escalation ended.")
				.withFieldError("outcome", "Required: " + List.of(Outcome.values()));
		}
		if (outcome == Outcome.DISMISSED) {
			throw ApiProblem.badRequest("escalation.invalid", "Review items are dismissed, not resolved.")
				.withFieldError("outcome", "Not DISMISSED: dismiss a review item instead.");
		}
		if (outcome == Outcome.CLIENT_DELETED) {
			throw ApiProblem.badRequest("escalation.invalid", "Only an erasure closes with CLIENT_DELETED.")
				.withFieldError("outcome", "Not CLIENT_DELETED: that outcome is the platform's.");
		}
		String note = optional(rawNote, "note");
		claimedByMe(id, moderatorId);
		EscalationDocument resolved = this.store.resolve(id, moderatorId, outcome, note, this.clock.instant())
			.orElseThrow(() -> ApiProblem.conflict("escalation.not-claimed-by-you",
					"This escalation is not claimed by you."));
		resolvedIn(resolved, outcome);
		if (resolved.joinedConversationId() != null) {
			leave(resolved, moderatorId);
		}
		this.audit.record(moderatorId, "escalation.resolve", resolved.clientId(),
				Map.of("escalationId", id, "outcome", outcome.name()));
		this.broadcast.changed(EventType.RESOLVED, summary(resolved), resolved.therapistId());
		return detail(resolved);
	}

	/**
	 * Dismisses a review item (any moderator, no claim needed): it is resolved with the
	 * outcome {@code DISMISSED} and the reason.
	 */
	Detail dismiss(String id, String moderatorId, @Nullable DismissReason reason, @Nullable String rawNote) {
		if (reason == null) {
			throw ApiProblem.badRequest("escalation.invalid", "Say why the item is dismissed.")
				.withFieldError("reason", "Required: " + List.of(DismissReason.values()));
		}
		String note = optional(rawNote, "note");
		if (reason == DismissReason.OTHER && note == null) {
			throw ApiProblem.badRequest("escalation.invalid", "Say why in a note when the reason is OTHER.")
				.withFieldError("note", "Required when the reason is OTHER.");
		}
		EscalationDocument dismissed = this.store.dismissReview(id, moderatorId, reason, note, this.clock.instant())
			.orElseThrow(() -> notAReview(id));
		this.meters.counter("cocon.safety.reviews", "outcome", "dismissed").increment();
		resolvedIn(dismissed, Outcome.DISMISSED);
		if (dismissed.joinedConversationId() != null && dismissed.claimedBy() != null) {
			leave(dismissed, dismissed.claimedBy());
		}
		this.audit.record(moderatorId, "escalation.review-dismiss", dismissed.clientId(),
				Map.of("escalationId", id, "reason", reason.name()));
		this.broadcast.changed(EventType.DISMISSED, summary(dismissed), null);
		return detail(dismissed);
	}

	/**
	 * Raises a review item to an escalation (any moderator): the client sees the crisis
	 * card in the conversation of the latest signal that came from one, the therapist is
	 * alerted, and the overdue clock starts now. The status stays as it was.
	 */
	Detail escalate(String id, String moderatorId, @Nullable Severity severity, @Nullable String rawNote) {
		if (severity == null || severity == Severity.REVIEW) {
			throw ApiProblem.badRequest("escalation.invalid", "Escalate to HIGH or MEDIUM.")
				.withFieldError("severity", "HIGH or MEDIUM");
		}
		String note = optional(rawNote, "note");
		Instant now = this.clock.instant();
		EscalationDocument escalated = this.store.escalateReview(id, severity, now).orElseThrow(() -> notAReview(id));
		if (note != null) {
			this.store.addNote(id, new Note(UUID.randomUUID().toString(), moderatorId, note, now));
		}
		reviewEscalated(now);
		this.audit.record(moderatorId, "escalation.review-escalate", escalated.clientId(),
				Map.of("escalationId", id, "severity", severity.name()));
		String conversation = escalated.latestConversation();
		if (conversation != null) {
			Account client = account(escalated.clientId());
			showCrisisCard(escalated, conversation,
					this.crisis.card(this.crisis.countryOf(client.timezone()), client.locale(), escalated.category()),
					"escalated");
		}
		EscalationDocument current = existing(id);
		this.broadcast.changed(EventType.ESCALATED, EventType.OPENED, summary(current), current.therapistId());
		return detail(current);
	}

	/** Why an item is not (or no longer) an unresolved review item. */
	private ApiProblem notAReview(String id) {
		EscalationDocument current = existing(id);
		if (!current.isReview()) {
			return ApiProblem.conflict("escalation.not-review", "This is not a review item.");
		}
		if (current.isResolved()) {
			return ApiProblem.conflict("escalation.resolved", "This item is already resolved.");
		}
		return ApiProblem.conflict("escalation.not-review", "This item changed meanwhile; reload it.");
	}

	/** Marks unclaimed escalations overdue and re-alerts; returns how many alerted. */
	int alertOverdue() {
		Instant now = this.clock.instant();
		int alerted = 0;
		for (EscalationDocument escalation : this.store.findAllById(this.store.indexed(Escalations.OPEN))) {
			if (escalation.status() != Status.OPEN || escalation.isReview() || !isDue(escalation, now)) {
				continue;
			}
			EscalationDocument marked = this.store.markOverdue(escalation.id(), escalation.alerts(), now).orElse(null);
			if (marked != null) {
				alerted++;
				this.meters.counter("cocon.safety.escalations.overdue.alerts").increment();
				this.broadcast.changed(EventType.OVERDUE, summary(marked), null);
			}
		}
		return alerted;
	}

	private boolean isDue(EscalationDocument escalation, Instant now) {
		Instant due = (escalation.lastAlertAt() == null) ? escalation.urgentSince().plus(this.settings.claimWithin())
				: escalation.lastAlertAt().plus(this.settings.realertEvery());
		return !now.isBefore(due);
	}

	private void leave(EscalationDocument resolved, String moderatorId) {
		String conversationId = resolved.joinedConversationId();
		this.support.removeModerator(conversationId, moderatorId);
		String moderator = pseudonymOf(moderatorId);
		this.chat.post(conversationId, GuideMessages.GUIDE, "moderator-left-" + resolved.id() + "-" + moderatorId,
				MessageKind.NOTICE, this.notices.left(account(resolved.clientId()).locale(), moderator),
				Map.of("notice", "moderator-left", "moderator", moderator));
	}

	/**
	 * Posts the crisis card unless one was shown in this conversation lately. The key
	 * makes the post idempotent within the escalation.
	 */
	private void showCrisisCard(EscalationDocument escalation, String conversationId, CrisisCard card, String key) {
		Instant now = this.clock.instant();
		if (this.store.takeCrisisCard(escalation.id(), conversationId, now,
				now.minus(this.settings.crisisCardEvery()))) {
			this.chat.post(conversationId, GuideMessages.GUIDE, "crisis-" + escalation.id() + "-" + key,
					MessageKind.NOTICE, card.intro(), Map.of("notice", "crisis", "crisis", card.toMap()));
		}
	}

	private void resolvedIn(EscalationDocument resolved, Outcome outcome) {
		Duration took = Duration.between(resolved.urgentSince(), resolved.resolvedAt());
		this.meters.timer("cocon.safety.time.to.resolve", "outcome", outcome.name()).record(took);
		this.figures.resolved(resolved.resolvedAt(), outcome, took);
	}

	private EscalationDocument claimedByMe(String id, String moderatorId) {
		EscalationDocument escalation = existing(id);
		if (escalation.isResolved()) {
			throw ApiProblem.conflict("escalation.resolved", "This escalation is already resolved.");
		}
		if (escalation.status() != Status.CLAIMED || !moderatorId.equals(escalation.claimedBy())) {
			throw ApiProblem.conflict("escalation.not-claimed-by-you", "Claim this escalation first.");
		}
		return escalation;
	}

	private EscalationDocument existing(String id) {
		return this.store.findById(id)
			.orElseThrow(() -> ApiProblem.notFound("escalation.not-found", "There is no escalation " + id + "."));
	}

	Summary summary(EscalationDocument escalation) {
		return Summary.of(escalation, people(List.of(escalation)));
	}

	private List<Summary> summaries(List<EscalationDocument> escalations) {
		Map<String, Account> people = people(escalations);
		return escalations.stream().map((escalation) -> Summary.of(escalation, people)).toList();
	}

	private Detail detail(EscalationDocument escalation) {
		return Detail.of(escalation, people(List.of(escalation)), context(escalation));
	}

	private List<ContextConversation> context(EscalationDocument escalation) {
		Set<String> conversations = new LinkedHashSet<>();
		escalation.signalList()
			.stream()
			.map(Signal::conversationId)
			.filter((id) -> id != null)
			.forEach(conversations::add);
		String therapy = therapyConversationOf(escalation.clientId());
		if (therapy != null) {
			conversations.add(therapy);
		}
		if (escalation.joinedConversationId() != null) {
			conversations.add(escalation.joinedConversationId());
		}
		// recent programme steps and answers, also when the signal came from elsewhere
		this.programmes.openEnrolmentsOf(List.of(escalation.clientId()))
			.forEach((enrolment) -> conversations.add(enrolment.conversationId()));
		List<ContextConversation> context = new ArrayList<>();
		for (String id : conversations) {
			var messages = this.support.recent(id, this.settings.contextMessages());
			Map<String, Account> senders = accounts(
					messages.stream().map((message) -> message.senderId()).collect(Collectors.toSet()));
			this.support.kindOf(id)
				.ifPresent((kind) -> context.add(new ContextConversation(id, kind, messages.stream()
					.map((message) -> new ContextMessage(message.seq(), message.senderId(),
							senderName(message.senderId(), senders), message.kind(), message.body(), message.at()))
					.toList())));
		}
		return context;
	}

	private static String senderName(String senderId, Map<String, Account> senders) {
		if (GuideMessages.GUIDE.equals(senderId)) {
			return "Cocon";
		}
		Account account = senders.get(senderId);
		return (account != null) ? account.pseudonym() : "?";
	}

	private Map<String, Account> people(List<EscalationDocument> escalations) {
		Set<String> ids = new LinkedHashSet<>();
		for (EscalationDocument escalation : escalations) {
			ids.add(escalation.clientId());
			addIfPresent(ids, escalation.therapistId());
			addIfPresent(ids, escalation.claimedBy());
			escalation.noteList().forEach((note) -> ids.add(note.authorId()));
		}
		return accounts(ids);
	}

	private Map<String, Account> accounts(Collection<String> ids) {
		return this.accounts.findAll(ids.stream().map(UserId::new).toList())
			.stream()
			.collect(Collectors.toMap((account) -> account.id().value(), Function.identity()));
	}

	private static void addIfPresent(Set<String> ids, @Nullable String id) {
		if (id != null) {
			ids.add(id);
		}
	}

	private String pseudonymOf(@Nullable String userId) {
		if (userId == null) {
			return "?";
		}
		return this.accounts.findById(new UserId(userId)).map(Account::pseudonym).orElse("?");
	}

	private Account account(String id) {
		return this.accounts.findById(new UserId(id))
			.orElseThrow(
					() -> new ApiProblem(HttpStatus.NOT_FOUND, "client.not-found", "There is no client " + id + "."));
	}

	static String required(@Nullable String raw, String field, String message) {
		String text = (raw != null) ? raw.strip() : "";
		if (text.isEmpty()) {
			throw ApiProblem.badRequest("escalation.invalid", message).withFieldError(field, "Must not be empty.");
		}
		return checkedLength(text, field);
	}

	static @Nullable String optional(@Nullable String raw, String field) {
		String text = (raw != null) ? raw.strip() : "";
		return text.isEmpty() ? null : checkedLength(text, field);
	}

	private static String checkedLength(String text, String field) {
		if (text.codePointCount(0, text.length()) > MAX_TEXT) {
			throw ApiProblem.badRequest("escalation.invalid", field + " can be at most " + MAX_TEXT + " characters.")
				.withFieldError(field, "At most " + MAX_TEXT + " characters.");
		}
		return text;
	}

	/** The escalation a signal went to and the crisis card for the client. */
	record Raised(EscalationDocument escalation, CrisisCard card) {
	}

	/**
	 * Closes an unresolved escalation or review item of a client who erases their account
	 * (as {@code cocon.privacy.erasure} allows) with the outcome {@code CLIENT_DELETED}:
	 * it counts in the figures, and moderators and the therapist see it closed. Nothing
	 * is posted in the client's conversations, which are being deleted.
	 */
	void closeForErasure(String id) {
		EscalationDocument closed = this.store.closeForErasure(id, this.clock.instant()).orElse(null);
		if (closed == null) {
			return;
		}
		resolvedIn(closed, Outcome.CLIENT_DELETED);
		this.broadcast.changed(EventType.RESOLVED, summary(closed), closed.isReview() ? null : closed.therapistId());
	}

}
