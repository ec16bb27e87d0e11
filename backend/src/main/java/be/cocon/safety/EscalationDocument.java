package be.cocon.safety;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import be.cocon.privacy.Encrypted;

/**
 * An escalation as stored. Its id is {@code <client id>:<n>} (the client's n-th
 * escalation), so the open one of a client is found from the client's head document
 * without a query.
 */
@Document(EscalationDocument.COLLECTION)
record EscalationDocument(@Id String id, String clientId, @Nullable String therapistId, Status status,
		Severity severity, @Nullable Category category, Instant openedAt, boolean overdue, int alerts,
		@Nullable Instant lastAlertAt, @Nullable String claimedBy, @Nullable Instant claimedAt,
		@Nullable String joinedConversationId, @Nullable String resolvedBy, @Nullable Instant resolvedAt,
		@Nullable Outcome outcome, @Encrypted @Nullable String resolutionNote, @Nullable List<Signal> signals,
		int signalCount, @Nullable List<Note> notes, @Nullable Map<String, Instant> crisisCards,
		@Nullable Instant raisedAt, boolean escalatedFromReview, @Nullable DismissReason dismissReason) {

	static final String COLLECTION = "escalations";

	static String idOf(String clientId, long n) {
		return clientId + ":" + n;
	}

	List<Signal> signalList() {
		return (this.signals != null) ? this.signals : List.of();
	}

	List<Note> noteList() {
		return (this.notes != null) ? this.notes : List.of();
	}

	Signal lastSignal() {
		List<Signal> list = signalList();
		return list.get(list.size() - 1);
	}

	boolean isResolved() {
		return this.status == Status.RESOLVED;
	}

	/**
	 * Whether this is a quiet item for a moderator to review, not (yet) an escalation.
	 */
	boolean isReview() {
		return this.severity == Severity.REVIEW;
	}

	/**
	 * When it became an escalation a moderator must answer in time: when it opened, or
	 * when a review item was raised. The overdue clock and the response times count from
	 * here.
	 */
	Instant urgentSince() {
		return (this.raisedAt != null) ? this.raisedAt : this.openedAt;
	}

	/** The conversation of the latest signal that came from one, if any. */
	@Nullable String latestConversation() {
		List<Signal> list = signalList();
		for (int i = list.size() - 1; i >= 0; i--) {
			if (list.get(i).conversationId() != null) {
				return list.get(i).conversationId();
			}
		}
		return null;
	}

	enum Status {

		/** Waiting for a moderator. */
		OPEN,
		/** A moderator is on it. */
		CLAIMED,
		/** Closed with an outcome. */
		RESOLVED

	}

	/**
	 * How a moderator closed an escalation ({@link #DISMISSED}: a review item;
	 * {@link #CLIENT_DELETED}: closed by the platform when the client erased their
	 * account, as {@code cocon.privacy.erasure} allows).
	 */
	enum Outcome {

		CONTACTED, REFERRED_TO_CRISIS_LINE, EMERGENCY_SERVICES, FALSE_POSITIVE, DISMISSED, CLIENT_DELETED

	}

	/** Why a moderator dismissed a review item. */
	enum DismissReason {

		NOT_RISK, HYPERBOLE, ABOUT_SOMEONE_ELSE, PAST_AND_RECOVERED, OTHER

	}

	/** Where a signal came from. */
	enum Source {

		CHAT_MESSAGE, PROGRAMME_ANSWER, QUESTIONNAIRE, CHECKIN_NOTE, HELP_BUTTON, THERAPIST

	}

	/**
	 * One reason for concern.
	 *
	 * @param source where it came from
	 * @param category what kind of risk, null when not known (help button)
	 * @param severity how urgent
	 * @param text the triggering text, questionnaire answer or the therapist's reason
	 * @param conversationId the conversation it was written in, if any
	 * @param seq the message's number in that conversation, if any
	 * @param at when
	 * @param byId who wrote it (the client, or the escalating therapist)
	 * @param rules the detector rules that matched
	 * @param reasons what the detector read, as stable codes (null on signals stored
	 * before they were kept)
	 * @param highlights the stretches of {@code text} that carried the finding
	 * @param questionnaire the questionnaire answer, for a {@link Source#QUESTIONNAIRE}
	 * signal
	 * @param contextUsed whether the finding needed the earlier messages
	 */
	record Signal(Source source, @Nullable Category category, Severity severity, @Encrypted String text,
			@Nullable String conversationId, @Nullable Long seq, Instant at, String byId, List<String> rules,
			@Nullable List<String> reasons, @Nullable List<Span> highlights, @Nullable Answered questionnaire,
			boolean contextUsed) {

		/** A signal without detector findings (help button, therapist, questionnaire). */
		static Signal plain(Source source, @Nullable Category category, Severity severity, String text,
				@Nullable String conversationId, Instant at, String byId) {
			return new Signal(source, category, severity, text, conversationId, null, at, byId, List.of(), List.of(),
					List.of(), null, false);
		}

		/** A signal read by the detector. */
		static Signal detected(Source source, RiskAssessment risk, String text, @Nullable String conversationId,
				@Nullable Long seq, Instant at, String byId) {
			Severity severity = risk.severity();
			if (severity == null) {
				throw new IllegalArgumentException("Only a flagged assessment is a signal");
			}
			return new Signal(source, risk.category(), severity, text, conversationId, seq, at, byId,
					risk.matchedRules(), risk.reasons(),
					risk.highlights().stream().map((h) -> new Span(h.start(), h.end())).toList(), null,
					risk.reasons().contains(RiskAssessment.Reason.CONTEXT));
		}

		List<String> reasonList() {
			return (this.reasons != null) ? this.reasons : List.of();
		}

		List<Span> highlightList() {
			return (this.highlights != null) ? this.highlights : List.of();
		}

	}

	/** A stretch {@code [start, end)} of a signal's text, in UTF-16 offsets. */
	record Span(int start, int end) {
	}

	/**
	 * A questionnaire item answered at a risk level.
	 *
	 * @param name the questionnaire's name, e.g. {@code PHQ-9}
	 * @param item the item's number (1-based)
	 * @param value the answer's value
	 * @param max the highest value an answer can have
	 */
	record Answered(String name, int item, int value, int max) {
	}

	/** An internal note of a moderator; never shown to the client. */
	record Note(String id, String authorId, @Encrypted String text, Instant at) {
	}

}
