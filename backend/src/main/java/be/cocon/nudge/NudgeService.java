package be.cocon.nudge;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import be.cocon.chat.ConversationOverview;
import be.cocon.chat.GuideMessages;
import be.cocon.chat.MessageKind;
import be.cocon.identity.Account;
import be.cocon.identity.Accounts;
import be.cocon.identity.UserId;
import be.cocon.platform.ApiProblem;
import be.cocon.privacy.AuditLog;
import be.cocon.nudge.NudgeDocument.Origin;
import be.cocon.nudge.NudgeDocument.Reason;
import be.cocon.nudge.NudgeDocument.Status;

/**
 * Nudges a therapist sends now or schedules in the client's time zone, suggestions to
 * approve, and delivery into the therapy conversation.
 */
@Service
class NudgeService {

	static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	private final Nudges nudges;

	private final Accounts accounts;

	private final GuideMessages chat;

	private final ConversationOverview conversations;

	private final AuditLog audit;

	private final NudgeSettings settings;

	private final Clock clock;

	NudgeService(Nudges nudges, Accounts accounts, GuideMessages chat, ConversationOverview conversations,
			AuditLog audit, NudgeSettings settings, Clock clock) {
		this.nudges = nudges;
		this.accounts = accounts;
		this.chat = chat;
		this.conversations = conversations;
		this.audit = audit;
		this.settings = settings;
		this.clock = clock;
	}

	List<NudgeDocument> list(String therapistId, String clientId) {
		clientOf(therapistId, clientId);
		this.audit.record(therapistId, "nudge.view", clientId, Map.of());
		return this.nudges.ofClient(clientId)
			.stream()
			.sorted(Comparator.comparing(NudgeDocument::sendAt).reversed())
			.toList();
	}

	/**
	 * A nudge from the therapist: sent at once without {@code localSendAt}, otherwise at
	 * that date and time in the client's time zone.
	 */
	NudgeDocument create(String therapistId, String clientId, @Nullable String rawText, @Nullable String localSendAt) {
		Account client = clientOf(therapistId, clientId);
		String text = checkedText(rawText);
		ZoneId zone = client.zone();
		Instant now = this.clock.instant();
		Instant sendAt = (localSendAt != null) ? checkedSendAt(localSendAt, zone, now) : now;
		NudgeDocument nudge = new NudgeDocument(UUID.randomUUID().toString(), clientId, therapistId, text,
				Origin.MANUAL, null, Status.SCHEDULED, sendAt, LOCAL.format(sendAt.atZone(zone)), zone.getId(), now,
				null, null, null);
		this.nudges.insert(nudge);
		this.audit.record(therapistId, "nudge.create", clientId, Map.of("nudgeId", nudge.id()));
		return sendIfDue(nudge);
	}

	NudgeDocument cancel(String therapistId, String clientId, String nudgeId) {
		ownNudge(therapistId, clientId, nudgeId);
		NudgeDocument cancelled = this.nudges.move(nudgeId, Status.SCHEDULED, Status.CANCELLED)
			.orElseThrow(() -> ApiProblem.conflict("nudge.not-scheduled", "Only a scheduled nudge can be cancelled."));
		this.audit.record(therapistId, "nudge.cancel", clientId, Map.of("nudgeId", nudgeId));
		return cancelled;
	}

	/** Approves a suggestion: sent now, or at the end of the quiet hours. */
	NudgeDocument approve(String therapistId, String clientId, String nudgeId) {
		NudgeDocument suggestion = ownNudge(therapistId, clientId, nudgeId);
		AdaptiveSettings adaptive = this.nudges.settingsOf(clientId)
			.orElse(AdaptiveSettings.defaults(clientId, therapistId));
		ZoneId zone = ZoneId.of(suggestion.timezone());
		Instant sendAt = AdaptivePolicy.sendTime(adaptive, zone, this.clock.instant());
		NudgeDocument approved = this.nudges.approve(nudgeId, sendAt, LOCAL.format(sendAt.atZone(zone)))
			.orElseThrow(() -> notSuggested(nudgeId, "Only a suggested nudge can be approved."));
		this.audit.record(therapistId, "nudge.approve", clientId, Map.of("nudgeId", nudgeId));
		return sendIfDue(approved);
	}

	NudgeDocument dismiss(String therapistId, String clientId, String nudgeId) {
		ownNudge(therapistId, clientId, nudgeId);
		NudgeDocument dismissed = this.nudges.move(nudgeId, Status.SUGGESTED, Status.DISMISSED)
			.orElseThrow(() -> notSuggested(nudgeId, "Only a suggested nudge can be dismissed."));
		this.audit.record(therapistId, "nudge.dismiss", clientId, Map.of("nudgeId", nudgeId));
		return dismissed;
	}

	/**
	 * Why a suggestion could not be approved or dismissed: a newer one replaced it (the
	 * therapist looks at that one instead), or it was answered already.
	 */
	private ApiProblem notSuggested(String nudgeId, String detail) {
		boolean superseded = this.nudges.findById(nudgeId)
			.map((nudge) -> nudge.status() == Status.SUPERSEDED)
			.orElse(false);
		return superseded
				? ApiProblem.conflict("nudge.superseded",
						"A newer suggestion for this client and reason exists; approve or dismiss that one instead.")
				: ApiProblem.conflict("nudge.not-suggested", detail);
	}

	/** Sends every scheduled nudge whose time has come. @return how many were sent */
	int sendDue() {
		Instant now = this.clock.instant();
		int sent = 0;
		for (NudgeDocument nudge : this.nudges.scheduled()) {
			if (nudge.status() == Status.SCHEDULED && !nudge.sendAt().isAfter(now) && deliver(nudge)) {
				sent++;
			}
		}
		return sent;
	}

	/** Stores an adaptive nudge for the client; false if the same one exists already. */
	boolean adaptive(AdaptiveSettings adaptive, Account client, Reason reason, String text) {
		ZoneId zone = client.zone();
		Instant now = this.clock.instant();
		Instant sendAt = AdaptivePolicy.sendTime(adaptive, zone, now);
		Status status = (adaptive.mode() == AdaptiveSettings.Mode.SEND) ? Status.SCHEDULED : Status.SUGGESTED;
		String id = "adaptive:" + client.id().value() + ":" + reason + ":" + now.atZone(zone).toLocalDate();
		NudgeDocument nudge = new NudgeDocument(id, client.id().value(), adaptive.therapistId(), text, Origin.ADAPTIVE,
				reason, status, sendAt, LOCAL.format(sendAt.atZone(zone)), zone.getId(), now, null, null, null);
		if (!this.nudges.insert(nudge)) {
			return false;
		}
		if (status == Status.SUGGESTED) {
			supersedeOlder(nudge);
		}
		sendIfDue(nudge);
		return true;
	}

	/**
	 * Unanswered suggestions for the same client and reason are replaced by the new one,
	 * so they do not pile up while the therapist is away. Each is moved only while it is
	 * still suggested: one the therapist approves at this moment stays approved.
	 */
	private void supersedeOlder(NudgeDocument newer) {
		this.nudges.ofClient(newer.clientId())
			.stream()
			.filter((nudge) -> nudge.status() == Status.SUGGESTED && nudge.reason() == newer.reason()
					&& !nudge.id().equals(newer.id()))
			.forEach((older) -> this.nudges.move(older.id(), Status.SUGGESTED, Status.SUPERSEDED));
	}

	Account clientOf(String therapistId, String clientId) {
		Account client = this.accounts.findById(new UserId(clientId)).orElse(null);
		if (client == null || client.therapistId() == null || !client.therapistId().value().equals(therapistId)) {
			throw new ApiProblem(HttpStatus.FORBIDDEN, "client.not-in-caseload",
					"This client is not in your caseload.");
		}
		return client;
	}

	private NudgeDocument sendIfDue(NudgeDocument nudge) {
		if (nudge.status() == Status.SCHEDULED && !nudge.sendAt().isAfter(this.clock.instant())) {
			deliver(nudge);
			return this.nudges.findById(nudge.id()).orElse(nudge);
		}
		return nudge;
	}

	/**
	 * Posts the nudge into the therapy conversation under the id {@code nudge-<id>}: two
	 * instances posting the same nudge get one message (the chat deduplicates), and the
	 * conditional status change marks it sent once.
	 */
	private boolean deliver(NudgeDocument nudge) {
		String conversationId = this.conversations.therapyState(nudge.clientId(), nudge.therapistId())
			.map(ConversationOverview.TherapyState::conversationId)
			.orElse(null);
		if (conversationId == null) {
			// the client left this therapist's caseload before the nudge was due
			this.nudges.move(nudge.id(), Status.SCHEDULED, Status.CANCELLED);
			return false;
		}
		long seq = this.chat.post(conversationId, nudge.therapistId(), "nudge-" + nudge.id(), MessageKind.NUDGE,
				nudge.text(), Map.of("nudgeId", nudge.id(), "origin", nudge.origin().name()));
		return this.nudges.markSent(nudge.id(), this.clock.instant(), conversationId, seq);
	}

	private NudgeDocument ownNudge(String therapistId, String clientId, String nudgeId) {
		clientOf(therapistId, clientId);
		return this.nudges.findById(nudgeId)
			.filter((nudge) -> nudge.clientId().equals(clientId))
			.orElseThrow(() -> ApiProblem.notFound("nudge.not-found", "There is no nudge " + nudgeId + "."));
	}

	private String checkedText(@Nullable String raw) {
		String text = (raw != null) ? raw.strip() : "";
		if (text.isEmpty()) {
			throw ApiProblem.badRequest("nudge.invalid", "A nudge needs text.").withFieldError("text", "Required.");
		}
		if (text.codePointCount(0, text.length()) > this.settings.maxTextLength()) {
			throw ApiProblem
				.badRequest("nudge.invalid", "A nudge is at most " + this.settings.maxTextLength() + " characters.")
				.withFieldError("text", "At most " + this.settings.maxTextLength() + " characters.");
		}
		return text;
	}

	private Instant checkedSendAt(String localSendAt, ZoneId zone, Instant now) {
		LocalDateTime local;
		try {
			local = LocalDateTime.parse(localSendAt, LOCAL);
		}
		catch (DateTimeParseException ex) {
			throw ApiProblem.badRequest("nudge.invalid", "sendAt is a local date and time like 2026-11-24T18:00.")
				.withFieldError("sendAt", "Format yyyy-MM-ddTHH:mm.");
		}
		Instant sendAt = local.atZone(zone).toInstant();
		// the minute the therapist is in still counts as now
		if (sendAt.isBefore(now.truncatedTo(ChronoUnit.MINUTES))) {
			throw ApiProblem.badRequest("nudge.in-the-past", "That time has passed in the client's time zone.")
				.withFieldError("sendAt", "In the past for " + zone.getId() + ".");
		}
		if (sendAt.isAfter(now.plus(this.settings.maxScheduleAhead()))) {
			throw ApiProblem
				.badRequest("nudge.too-far-ahead",
						"A nudge can be scheduled at most " + this.settings.maxScheduleAhead().toDays()
								+ " days ahead.")
				.withFieldError("sendAt", "Too far ahead.");
		}
		return sendAt;
	}

	Optional<AdaptiveSettings> settingsOf(String clientId) {
		return this.nudges.settingsOf(clientId);
	}

}
