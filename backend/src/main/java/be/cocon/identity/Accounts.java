package be.cocon.identity;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The identity module's public API for other modules. */
public interface Accounts {

	Optional<Account> findById(UserId id);

	/** The accounts with these ids that exist, in no particular order. */
	List<Account> findAll(Collection<UserId> ids);

	/** The clients currently assigned to this therapist. */
	List<Account> caseloadOf(UserId therapistId);

}
