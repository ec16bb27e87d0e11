package be.cocon.chat;

import java.time.Clock;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import be.cocon.identity.ClientAssignedToTherapist;

/**
 * Opens the therapy conversation of a client and a therapist when the client is assigned.
 * The conversation id is computed from both ids, so handling the event twice is harmless,
 * and a client who comes back to an earlier therapist finds the old conversation again.
 */
@Component
class TherapyConversations {

	private final Conversations conversations;

	private final Clock clock;

	TherapyConversations(Conversations conversations, Clock clock) {
		this.conversations = conversations;
		this.clock = clock;
	}

	@EventListener
	void on(ClientAssignedToTherapist assigned) {
		String client = assigned.clientId().value();
		String therapist = assigned.therapistId().value();
		this.conversations.createIfAbsent(ConversationDocument.therapyId(client, therapist), ConversationKind.THERAPY,
				List.of(client, therapist), this.clock.instant());
	}

}
