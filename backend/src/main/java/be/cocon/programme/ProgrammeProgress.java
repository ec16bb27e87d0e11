package be.cocon.programme;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** For overviews and nudges: where clients are in their programmes. */
public interface ProgrammeProgress {

	/** The open (active or paused) enrolments of these clients. */
	List<Progress> openEnrolmentsOf(Collection<String> clientIds);

	/**
	 * One open enrolment.
	 *
	 * @param clientId the client
	 * @param enrolmentId the enrolment
	 * @param programmeId the programme
	 * @param title its title by language ({@code nl}, {@code en})
	 * @param paused whether the client paused it
	 * @param stepsDone steps answered in the current run
	 * @param stepsTotal steps done plus the longest way from the current step to the end
	 * @param currentStepSince when the step the client is on was posted
	 * @param answeredAt when each step of the current run was answered
	 * @param conversationId the guide conversation of the enrolment
	 */
	record Progress(String clientId, String enrolmentId, String programmeId, Map<String, String> title, boolean paused,
			int stepsDone, int stepsTotal, Instant currentStepSince, List<Instant> answeredAt, String conversationId) {
	}

}
