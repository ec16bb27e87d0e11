package be.cocon.notification;

/** The kinds of notification a user opts in to, each on its own. */
enum PushType {

	/** A new chat message from a person. */
	MESSAGES("/chat", "push.message"),
	/** A nudge from the therapist. */
	NUDGES("/chat", "push.nudge"),
	/** The daily check-in reminder. */
	CHECKIN_REMINDERS("/checkin", "push.checkin-reminder");

	private final String url;

	private final String textKey;

	PushType(String url, String textKey) {
		this.url = url;
		this.textKey = textKey;
	}

	/** Where the app opens when the notification is tapped. */
	String url() {
		return this.url;
	}

	String textKey() {
		return this.textKey;
	}

	/**
	 * The push services' Topic: a newer notice of the same kind replaces an undelivered
	 * one.
	 */
	String topic() {
		return name().toLowerCase().replace("_", "");
	}

}
