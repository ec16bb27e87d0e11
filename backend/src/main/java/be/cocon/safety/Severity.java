package be.cocon.safety;

/**
 * How urgent a risk is: {@link #HIGH} for an explicit intent, a plan, means at hand or
 * ongoing abuse; {@link #MEDIUM} for passive wishes, indirect phrasing and threats
 * without a weapon or plan; {@link #REVIEW} for an uncertain message that a moderator
 * should look at quietly (no crisis card for the client, no alert for the therapist).
 */
public enum Severity {

	HIGH, MEDIUM, REVIEW

}
