package be.cocon.checkin;

/** Which way mood went. */
public enum Direction {

	UP, FLAT, DOWN

}
