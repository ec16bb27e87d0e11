package be.cocon.safety;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * For modules that take text from clients outside a conversation (check-in notes) and for
 * overviews that show whether a client has an open escalation.
 */
public interface RiskScreening {

	/**
	 * Screens text a client wrote. On risk (HIGH or MEDIUM), records a signal on the
	 * client's escalation (alerting moderators and the therapist) and returns the crisis
	 * card to show the client at once; an uncertain text (REVIEW) is recorded quietly as
	 * a review item for moderators, and nothing is returned.
	 */
	Optional<CrisisCard> screen(String clientId, String text, ScreenedText source, Instant at);

	/** The unresolved escalations of these clients (review items are not included). */
	List<OpenEscalation> openFor(Collection<String> clientIds);

	/** What kind of text is screened. */
	enum ScreenedText {

		CHECKIN_NOTE

	}

	/**
	 * A client's unresolved escalation.
	 *
	 * @param clientId the client
	 * @param escalationId the escalation
	 * @param severity how urgent
	 * @param claimed whether a moderator has taken it on
	 */
	record OpenEscalation(String clientId, String escalationId, Severity severity, boolean claimed) {
	}

}
