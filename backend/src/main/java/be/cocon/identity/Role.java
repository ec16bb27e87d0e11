package be.cocon.identity;

/** What a person does in Cocon; an account has one or more roles. */
public enum Role {

	CLIENT, THERAPIST, MODERATOR, ADMIN;

	/** The Spring Security authority of this role, as used in method security. */
	public String authority() {
		return "ROLE_" + name();
	}

}
