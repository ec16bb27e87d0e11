package be.cocon.safety;

/**
 * How urgent a risk is: {@link #HIGH} for an explicit intent, a plan, means at hand or
 * ongoing abuse; {@link #MEDIUM} for passive wishes, indirect phrasing and threats
 * without a weapon or plan.
 */
public enum Severity {

	HIGH, MEDIUM

}
