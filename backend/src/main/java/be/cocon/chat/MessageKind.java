package be.cocon.chat;

/** What a message is: written text, or a structured message of the self-help guide. */
public enum MessageKind {

	/** Text a participant wrote. */
	TEXT,
	/** A programme step posted by the guide; its data tells the app how to answer it. */
	STEP,
	/** A client's answer to a step, posted after the programme engine accepted it. */
	ANSWER,
	/** A therapist's comment on an answer. */
	FEEDBACK,
	/** A notice from the platform (programme paused, finished, ...). */
	NOTICE,
	/** A short encouragement from the therapist, sent now, scheduled or adaptive. */
	NUDGE

}
