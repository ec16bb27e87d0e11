package be.cocon.identity;

/** Shapes of usernames and pseudonyms, shared by sign-up and admin account creation. */
final class AccountRules {

	/**
	 * 3 to 32 of lower-case letters, digits, dot, underscore, dash; starts with a letter
	 * or digit.
	 */
	static final String USERNAME = "[a-z0-9][a-z0-9._-]{2,31}";

	/** 2 to 40 characters, no control characters, not only spaces. */
	static final String PSEUDONYM = "(?=.*\\S)[^\\p{Cntrl}]{2,40}";

	private AccountRules() {
	}

}
