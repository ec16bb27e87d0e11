package be.cocon.safety;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import be.cocon.chat.UserEvents;
import be.cocon.safety.EscalationViews.EscalationEvent;
import be.cocon.safety.EscalationViews.EventType;
import be.cocon.safety.EscalationViews.Summary;

/**
 * Live escalation events: every change goes to the moderators' topic; the client's
 * therapist hears when one opens, grows, is taken on or is resolved, and never about a
 * review item (a quiet item only moderators see).
 */
@Component
class EscalationBroadcast {

	static final String MODERATORS = "/topic/escalations";

	static final String THERAPIST = "/queue/escalations";

	private static final Set<EventType> FOR_THERAPIST = Set.of(EventType.OPENED, EventType.SIGNAL, EventType.CLAIMED,
			EventType.RESOLVED);

	private final UserEvents users;

	EscalationBroadcast(UserEvents users) {
		this.users = users;
	}

	void changed(EventType type, Summary escalation, @Nullable String therapistId) {
		changed(type, type, escalation, therapistId);
	}

	/**
	 * Tells moderators and the therapist different things, e.g. a review item raised to
	 * an escalation is a {@code SIGNAL} or {@code ESCALATED} for moderators, who saw the
	 * item, but {@code OPENED} for the therapist, who did not.
	 * @param forTherapist what the therapist hears, or null for nothing
	 */
	void changed(EventType forModerators, @Nullable EventType forTherapist, Summary escalation,
			@Nullable String therapistId) {
		this.users.toTopic(MODERATORS, new EscalationEvent(forModerators, escalation));
		if (therapistId != null && forTherapist != null && FOR_THERAPIST.contains(forTherapist)
				&& escalation.severity() != Severity.REVIEW) {
			this.users.send(therapistId, THERAPIST, new EscalationEvent(forTherapist, escalation));
		}
	}

}
