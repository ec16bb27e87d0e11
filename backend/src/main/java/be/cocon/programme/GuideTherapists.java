package be.cocon.programme;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import be.cocon.chat.GuideMessages;
import be.cocon.identity.ClientAssignedToTherapist;
import be.cocon.identity.ClientUnassigned;

/**
 * Keeps the therapist side of a client's guide conversations on the current caseload:
 * when the client moves to another therapist, the former one is taken out of every guide
 * conversation of the client and the new one put in; when the client is left without a
 * therapist, the former one is taken out. Both changes are idempotent, so an event
 * delivered twice is harmless.
 */
@Component
class GuideTherapists {

	private final Enrolments enrolments;

	private final GuideMessages chat;

	GuideTherapists(Enrolments enrolments, GuideMessages chat) {
		this.enrolments = enrolments;
		this.chat = chat;
	}

	@EventListener
	void on(ClientAssignedToTherapist assigned) {
		String therapist = assigned.therapistId().value();
		for (EnrolmentDocument enrolment : this.enrolments.findByClient(assigned.clientId().value())) {
			if (assigned.previousTherapistId() != null) {
				this.chat.removeParticipant(enrolment.conversationId(), assigned.previousTherapistId().value());
			}
			this.chat.addParticipant(enrolment.conversationId(), therapist);
		}
	}

	@EventListener
	void on(ClientUnassigned unassigned) {
		for (EnrolmentDocument enrolment : this.enrolments.findByClient(unassigned.clientId().value())) {
			this.chat.removeParticipant(enrolment.conversationId(), unassigned.therapistId().value());
		}
	}

}
