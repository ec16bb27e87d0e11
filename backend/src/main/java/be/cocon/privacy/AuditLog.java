package be.cocon.privacy;

import java.util.Collection;
import java.util.Map;

/**
 * The append-only audit log. Every access of a therapist or moderator to a client's data
 * is recorded here before the data is returned.
 */
public interface AuditLog {

	/**
	 * Records an access; returns once the entry is stored durably.
	 * @param actorId who (account id)
	 * @param action what, e.g. {@code programme.view}
	 * @param subjectId whose data (the client's account id)
	 * @param details a few extra facts (ids, never message text)
	 */
	void record(String actorId, String action, String subjectId, Map<String, String> details);

	/**
	 * Records the same access to several subjects (e.g. a list of clients shown at once);
	 * returns once all entries are stored durably, waiting for the store once.
	 */
	void recordEach(String actorId, String action, Collection<String> subjectIds, Map<String, String> details);

}
