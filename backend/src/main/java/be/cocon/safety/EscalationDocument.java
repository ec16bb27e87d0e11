package be.cocon.safety;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

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
		@Nullable Outcome outcome, @Nullable String resolutionNote, @Nullable List<Signal> signals, int signalCount,
		@Nullable List<Note> notes, @Nullable Map<String, Instant> crisisCards) {

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

	enum Status {

		/** Waiting for a moderator. */
		OPEN,
		/** A moderator is on it. */
		CLAIMED,
		/** Closed with an outcome. */
		RESOLVED

	}

	/** How a moderator closed an escalation. */
	enum Outcome {

		CONTACTED, REFERRED_TO_CRISIS_LINE, EMERGENCY_SERVICES, FALSE_POSITIVE

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
	 */
	record Signal(Source source, @Nullable Category category, Severity severity, String text,
			@Nullable String conversationId, @Nullable Long seq, Instant at, String byId, List<String> rules) {
	}

	/** An internal note of a moderator; never shown to the client. */
	record Note(String id, String authorId, String text, Instant at) {
	}

}
