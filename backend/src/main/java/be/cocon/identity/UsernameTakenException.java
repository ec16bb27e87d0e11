package be.cocon.identity;

/** Sign-up or account creation with a username that another account already has. */
class UsernameTakenException extends RuntimeException {

	UsernameTakenException(String username) {
		super("The username '" + username + "' is already taken.");
	}

}
