package be.cocon.privacy;

import java.util.Collection;
import java.util.Map;

/**
 * Names the staff members who appear in a client's audit log. The identity module
 * implements it, so that the privacy module shows a client who looked at their file
 * without depending on identity.
 */
public interface AuditActors {

	/**
	 * @param accountIds account ids of staff members
	 * @return the pseudonym of each account that still exists (the others are left out)
	 */
	Map<String, String> pseudonyms(Collection<String> accountIds);

}
