package be.cocon.nudge;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A client's quiet hours, as their therapist set them in the adaptive-nudge settings
 * (22:00 to 08:00 until set): other modules that reach the client outside the app (Web
 * Push) keep quiet then too.
 */
public interface QuietHours {

	/** Whether the moment falls in the client's quiet hours, read in their time zone. */
	boolean isQuiet(String clientId, ZoneId zone, Instant at);

}
