package be.cocon.chat;

import java.time.Clock;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import be.cocon.identity.ClientAssignedToTherapist;
import be.cocon.identity.ClientUnassigned;
import be.cocon.identity.UserId;

/**
 * Opens the therapy conversation of a client and a therapist when the client is assigned,
 * and closes it when the client moves to another therapist or is left without one: the
 * former therapist keeps the history up to the move, and nobody writes there any more.
 * The conversation id is computed from both ids, so handling an event twice is harmless,
 * and a client who comes back to an earlier therapist finds the old conversation open
 * again.
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
		String id = ConversationDocument.therapyId(client, therapist);
		this.conversations.createIfAbsent(id, ConversationKind.THERAPY, List.of(client, therapist),
				this.clock.instant());
		this.conversations.reopen(id);
		UserId previous = assigned.previousTherapistId();
		if (previous != null && !previous.equals(assigned.therapistId())) {
			this.conversations.close(ConversationDocument.therapyId(client, previous.value()), this.clock.instant());
		}
	}

	@EventListener
	void on(ClientUnassigned unassigned) {
		this.conversations.close(
				ConversationDocument.therapyId(unassigned.clientId().value(), unassigned.therapistId().value()),
				this.clock.instant());
	}

}
