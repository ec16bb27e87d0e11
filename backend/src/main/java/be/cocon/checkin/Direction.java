package be.cocon.checkin;

/**
 * Where mood is going: the last 7 days' average against the 7 days before (a change of at
 * least 0.75 on the 1–10 scale counts).
 */
public enum Direction {

	UP, FLAT, DOWN

}
