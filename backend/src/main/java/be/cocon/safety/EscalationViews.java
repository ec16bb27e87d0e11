package be.cocon.safety;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import be.cocon.chat.ConversationKind;
import be.cocon.chat.MessageKind;
import be.cocon.identity.Account;
import be.cocon.safety.EscalationDocument.Answered;
import be.cocon.safety.EscalationDocument.DismissReason;
import be.cocon.safety.EscalationDocument.Note;
import be.cocon.safety.EscalationDocument.Outcome;
import be.cocon.safety.EscalationDocument.Signal;
import be.cocon.safety.EscalationDocument.Status;

/** What the safety API sends: REST responses and STOMP event payloads. */
final class EscalationViews {

	private EscalationViews() {
	}

	record Person(String id, String pseudonym) {

		static @Nullable Person of(@Nullable String id, Map<String, Account> people) {
			if (id == null) {
				return null;
			}
			Account account = people.get(id);
			return new Person(id, (account != null) ? account.pseudonym() : "?");
		}

	}

	/**
	 * One signal as staff see it.
	 *
	 * @param reasons what the detector read, as stable codes the browser translates
	 * @param highlights the stretches of {@code text} that carried the finding
	 * @param questionnaire the questionnaire answer, for a {@code QUESTIONNAIRE} signal
	 * @param contextUsed whether the finding needed the earlier messages of the
	 * conversation
	 */
	record SignalView(EscalationDocument.Source source, @Nullable Category category, Severity severity, String text,
			@Nullable String conversationId, @Nullable Long seq, Instant at, String byId, List<String> reasons,
			List<Highlight> highlights, @Nullable QuestionnaireItem questionnaire, boolean contextUsed) {

		static SignalView of(Signal signal) {
			Answered answered = signal.questionnaire();
			return new SignalView(signal.source(), signal.category(), signal.severity(), signal.text(),
					signal.conversationId(), signal.seq(), signal.at(), signal.byId(), signal.reasonList(),
					signal.highlightList().stream().map((span) -> new Highlight(span.start(), span.end())).toList(),
					(answered != null)
							? new QuestionnaireItem(answered.name(), answered.item(), answered.value(), answered.max())
							: null,
					signal.contextUsed());
		}

	}

	/**
	 * A stretch of a signal's text, in UTF-16 offsets.
	 *
	 * @param start the first character
	 * @param end one past the last character
	 */
	record Highlight(int start, int end) {
	}

	/**
	 * A questionnaire item answered at a risk level, e.g. PHQ-9 item 9 answered 2 of 3.
	 *
	 * @param name the questionnaire's name
	 * @param item the item's number (1-based)
	 * @param value the answer's value
	 * @param max the highest value an answer can have
	 */
	record QuestionnaireItem(String name, int item, int value, int max) {
	}

	record Summary(String id, Person client, @Nullable Person therapist, Status status, Severity severity,
			@Nullable Category category, Instant openedAt, boolean overdue, int alerts, @Nullable Person claimedBy,
			@Nullable Instant claimedAt, @Nullable Instant resolvedAt, @Nullable Outcome outcome, int signalCount,
			@Nullable SignalView lastSignal, @Nullable DismissReason dismissReason, boolean escalatedFromReview) {

		static Summary of(EscalationDocument doc, Map<String, Account> people) {
			List<Signal> signals = doc.signalList();
			return new Summary(doc.id(), Person.of(doc.clientId(), people), Person.of(doc.therapistId(), people),
					doc.status(), doc.severity(), doc.category(), doc.openedAt(), doc.overdue(), doc.alerts(),
					Person.of(doc.claimedBy(), people), doc.claimedAt(), doc.resolvedAt(), doc.outcome(),
					doc.signalCount(), signals.isEmpty() ? null : SignalView.of(doc.lastSignal()), doc.dismissReason(),
					doc.escalatedFromReview());
		}

	}

	record NoteView(String id, Person author, String text, Instant at) {

		static NoteView of(Note note, Map<String, Account> people) {
			return new NoteView(note.id(), Person.of(note.authorId(), people), note.text(), note.at());
		}

	}

	record ContextMessage(long seq, String senderId, String sender, MessageKind kind, String body, Instant at) {
	}

	record ContextConversation(String conversationId, ConversationKind kind, List<ContextMessage> messages) {
	}

	/** The summary fields plus everything a moderator needs to act. */
	record Detail(String id, Person client, @Nullable Person therapist, Status status, Severity severity,
			@Nullable Category category, Instant openedAt, boolean overdue, int alerts, @Nullable Person claimedBy,
			@Nullable Instant claimedAt, @Nullable Instant resolvedAt, @Nullable Outcome outcome, int signalCount,
			@Nullable SignalView lastSignal, @Nullable DismissReason dismissReason, boolean escalatedFromReview,
			List<SignalView> signals, List<NoteView> notes, List<ContextConversation> context,
			@Nullable String joinedConversationId, @Nullable String resolutionNote) {

		static Detail of(EscalationDocument doc, Map<String, Account> people, List<ContextConversation> context) {
			Summary s = Summary.of(doc, people);
			return new Detail(s.id(), s.client(), s.therapist(), s.status(), s.severity(), s.category(), s.openedAt(),
					s.overdue(), s.alerts(), s.claimedBy(), s.claimedAt(), s.resolvedAt(), s.outcome(), s.signalCount(),
					s.lastSignal(), s.dismissReason(), s.escalatedFromReview(),
					doc.signalList().stream().map(SignalView::of).toList(),
					doc.noteList().stream().map((note) -> NoteView.of(note, people)).toList(), context,
					doc.joinedConversationId(), doc.resolutionNote());
		}

	}

	enum EventType {

		OPENED, SIGNAL, CLAIMED, JOINED, NOTE, RESOLVED, OVERDUE, DISMISSED, ESCALATED

	}

	/** A change to an escalation, as sent to moderators and the client's therapist. */
	record EscalationEvent(EventType type, Summary escalation) {
	}

	/** What the help button answers. */
	record HelpResponse(String escalationId, Status status, CrisisCard crisis) {
	}

}
