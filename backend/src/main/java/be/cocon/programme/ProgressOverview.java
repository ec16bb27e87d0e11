package be.cocon.programme;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.stereotype.Component;

import be.cocon.programme.Content.Programme;
import be.cocon.programme.EnrolmentDocument.StepRecord;

@Component
class ProgressOverview implements ProgrammeProgress {

	private final Enrolments enrolments;

	private final ProgrammeService programmes;

	ProgressOverview(Enrolments enrolments, ProgrammeService programmes) {
		this.enrolments = enrolments;
		this.programmes = programmes;
	}

	@Override
	public List<Progress> openEnrolmentsOf(Collection<String> clientIds) {
		List<Progress> open = new ArrayList<>();
		for (String clientId : clientIds) {
			for (EnrolmentDocument enrolment : this.enrolments.findByClient(clientId)) {
				if (enrolment.isOpen()) {
					open.add(progressOf(enrolment));
				}
			}
		}
		return open;
	}

	private Progress progressOf(EnrolmentDocument enrolment) {
		Programme programme = this.programmes.programmeOf(enrolment);
		int total = ProgrammeViews.EnrolmentView.stepsTotal(enrolment, programme);
		return new Progress(enrolment.clientId(), enrolment.id(), enrolment.programmeId(), programme.title().both(),
				enrolment.status() == EnrolmentDocument.Status.PAUSED, enrolment.steps().size(), total,
				enrolment.currentStepStartedAt(), enrolment.steps().stream().map(StepRecord::answeredAt).toList(),
				enrolment.conversationId());
	}

}
