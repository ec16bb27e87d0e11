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
	 * Writes an access without waiting for the store's commit, for a caller that
	 * acknowledges its own write only after a later commit, which then covers this entry
	 * too (a message, whose acknowledgement waits for the commit after it).
	 */
	void recordUncommitted(String actorId, String action, String subjectId, Map<String, String> details);

	/**
	 * Records the same access to several subjects (e.g. a list of clients shown at once);
	 * returns once all entries are stored durably, waiting for the store once.
	 */
	void recordEach(String actorId, String action, Collection<String> subjectIds, Map<String, String> details);

	/**
	 * Detail key: the role the actor acted in ({@code THERAPIST}, {@code MODERATOR},
	 * {@code ADMIN}), for actions that more than one role takes (e.g. reading a
	 * conversation). Other actions imply their role.
	 */
	String ROLE = "role";

	/**
	 * Detail key: the relationship that allowed the access ({@code therapist},
	 * {@code former-therapist}, {@code moderator}, {@code admin}), for actions where the
	 * action alone does not tell. The client reads it as "your therapist", "a moderator
	 * handling a safety alert", ...
	 */
	String BASIS = "basis";

	/**
	 * Records the same access to several subjects, each with its own details; returns
	 * once all entries are stored durably, waiting for the store once.
	 * @param detailsBySubject per subject (client account id) its details
	 */
	void recordEach(String actorId, String action, Map<String, Map<String, String>> detailsBySubject);

}
