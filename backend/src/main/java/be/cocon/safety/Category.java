package be.cocon.safety;

/**
 * What kind of risk a message signals. The order is the priority used when one message
 * matches rules of several categories with the same severity.
 */
public enum Category {

	SUICIDE, SELF_HARM, ABUSE, VIOLENCE

}
