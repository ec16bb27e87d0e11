package be.cocon.privacy;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What the privacy module needs from the module that keeps the accounts (identity
 * implements it), so that privacy never depends on it: who the client is, a password
 * check before an erasure, and stopping the account at once.
 */
public interface ClientAccounts {

	/** The client's account, if there is one. */
	Optional<Holder> find(String accountId);

	/**
	 * Checks the account's password as a sign-in would: it counts a failure and honours a
	 * lock of the sign-in throttle.
	 * @throws be.cocon.platform.ApiProblem 400 {@code password.wrong}, 429
	 * {@code auth.locked}, or 409 {@code erasure.no-password} for an account that signs
	 * in elsewhere (an external identity provider)
	 */
	void confirmPassword(String accountId, @Nullable String password, String address);

	/**
	 * Stops the account at once: sign-in, refresh tokens and every access token already
	 * issued are refused from now on.
	 */
	void suspend(String accountId);

	/** The pseudonyms of these accounts (missing ones are left out). */
	Map<String, String> pseudonymsOf(Collection<String> accountIds);

	/**
	 * An account as privacy needs it.
	 *
	 * @param username sign-in name
	 * @param pseudonym display name
	 * @param language {@code nl} or {@code en}
	 * @param timezone IANA time zone
	 */
	record Holder(String username, String pseudonym, String language, String timezone) {
	}

}
