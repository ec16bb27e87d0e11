package be.cocon.privacy;

import java.util.Set;

/**
 * The contract every module that keeps data about clients implements, with a
 * package-private bean, for its own collections: what it covers, the client's copy of it
 * (export) and its erasure. The privacy module only collects the implementations; it
 * never reads another module's store. {@code PersonalDataCoverageTests} fails when a
 * collection of the store is covered by no implementation (and is not on its list of
 * collections without client data).
 * <p>
 * Erasure runs the implementations in their
 * {@link org.springframework.core.annotation.Order order} (lowest first); the module that
 * keeps the accounts goes last.
 */
public interface PersonalData {

	/**
	 * The key of this part of the export, e.g. {@code conversations}; also its heading
	 * (translated) on the readable page.
	 */
	String section();

	/** The store collections this implementation exports and erases. */
	Set<String> collections();

	/**
	 * Everything this module keeps about the client, as values a JSON writer can write
	 * (records, maps, lists, strings, numbers, booleans, instants), read through the
	 * module's own mapped types. Names of other people are pseudonyms, never account ids.
	 */
	Object export(String clientId);

	/**
	 * Refuses the erasure now, with an {@link be.cocon.platform.ApiProblem} the client
	 * can read, when something must happen first (e.g. a moderator must still act). Runs
	 * before anything is changed.
	 */
	default void checkErasable(String clientId) {
	}

	/**
	 * Deletes, or irreversibly anonymises, everything about the client in this module's
	 * collections. Documents whose {@code _id} is computed from the client id are deleted
	 * or stored again under an id computed from {@link ErasedClient#replacementId()}.
	 * Must be safe to run again after a crash halfway.
	 */
	void erase(ErasedClient client);

}
