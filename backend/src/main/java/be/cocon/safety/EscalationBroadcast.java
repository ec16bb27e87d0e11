package be.cocon.safety;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

import be.cocon.chat.UserEvents;
import be.cocon.safety.EscalationViews.EscalationEvent;
import be.cocon.safety.EscalationViews.EventType;
import be.cocon.safety.EscalationViews.Summary;

/**
 * Live escalation events: every change goes to the moderators' topic; the client's
 * therapist hears when one opens, grows, is taken on or is resolved.
 */
@Component
class EscalationBroadcast {

	static final String MODERATORS = "/topic/escalations";

	static final String THERAPIST = "/queue/escalations";

	private static final Set<EventType> FOR_THERAPIST = Set.of(EventType.OPENED, EventType.SIGNAL, EventType.CLAIMED,
			EventType.RESOLVED);

	private final SimpMessagingTemplate broker;

	private final UserEvents users;

	EscalationBroadcast(SimpMessagingTemplate broker, UserEvents users) {
		this.broker = broker;
		this.users = users;
	}

	void changed(EventType type, Summary escalation, @Nullable String therapistId) {
		EscalationEvent event = new EscalationEvent(type, escalation);
		this.broker.convertAndSend(MODERATORS, event);
		if (therapistId != null && FOR_THERAPIST.contains(type)) {
			this.users.send(therapistId, THERAPIST, event);
		}
	}

}
