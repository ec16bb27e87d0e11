package be.cocon.nudge;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import be.cocon.privacy.Encrypted;

/**
 * A nudge as stored. Manual nudges have a random id; an adaptive nudge's id is computed
 * from the client, the reason and the client's local date, so two instances deciding the
 * same nudge store it once.
 *
 * @param id the id
 * @param clientId who receives it
 * @param therapistId who sends it (an adaptive nudge is sent on the therapist's behalf)
 * @param text the text
 * @param origin manual or adaptive
 * @param reason why an adaptive nudge was made, or null
 * @param status where it is
 * @param sendAt when it is (or was) due
 * @param localSendAt {@code sendAt} in the client's time zone, as the therapist chose it
 * @param timezone the client's time zone
 * @param createdAt when it was made
 * @param sentAt when it reached the chat, or null
 * @param conversationId the conversation it was posted in, or null
 * @param seq its message number there, or null
 */
@Document(NudgeDocument.COLLECTION)
record NudgeDocument(@Id String id, String clientId, String therapistId, @Encrypted String text, Origin origin,
		@Nullable Reason reason, Status status, Instant sendAt, String localSendAt, String timezone, Instant createdAt,
		@Nullable Instant sentAt, @Nullable String conversationId, @Nullable Long seq) {

	static final String COLLECTION = "nudges";

	enum Origin {

		MANUAL, ADAPTIVE

	}

	enum Reason {

		STALLED, MISSED_CHECKINS, INACTIVE

	}

	enum Status {

		/** Waiting for its time. */
		SCHEDULED,
		/** In the client's chat. */
		SENT,
		/** Adaptive, waiting for the therapist's approval. */
		SUGGESTED,
		/** A suggestion the therapist turned down. */
		DISMISSED,
		/** Called off before it was sent. */
		CANCELLED,
		/**
		 * A suggestion left unanswered until a newer one for the same reason replaced it;
		 * it can no longer be approved or dismissed.
		 */
		SUPERSEDED

	}

}
