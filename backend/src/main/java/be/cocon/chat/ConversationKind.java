package be.cocon.chat;

/** What a conversation is for. */
public enum ConversationKind {

	/** A client and their therapist; created when the client is assigned. */
	THERAPY,
	/** A client and the self-help guide of one programme enrolment. */
	GUIDE,
	/**
	 * A client and a moderator, opened when a moderator steps in for a client who has no
	 * therapist.
	 */
	SUPPORT,
	/**
	 * The guide's check-in prompts to one client ({@code checkin-<client>}); read-only
	 * for the client, who answers with a check-in instead.
	 */
	CHECKIN

}
