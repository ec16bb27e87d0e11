package be.cocon.nudge;

import java.time.Instant;
import java.time.LocalTime;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A therapist's adaptive-nudge settings for one client.
 *
 * @param clientId the client (the document id)
 * @param therapistId the therapist who set them
 * @param enabled whether adaptive nudges are on
 * @param mode send them, or suggest them to the therapist for approval
 * @param inactiveDays no activity (check-in, answer, message) for this many days
 * @param stalledDays on the same programme step for this many days
 * @param missedCheckinDays no check-in for this many days (after having checked in)
 * @param quietStart start of quiet hours in the client's time zone
 * @param quietEnd end of quiet hours
 * @param minHoursBetween at most one automatic nudge per this many hours
 * @param enabledAt when they were switched on (inactivity counts from here at most)
 */
@Document(AdaptiveSettings.COLLECTION)
record AdaptiveSettings(@Id String clientId, String therapistId, boolean enabled, Mode mode, int inactiveDays,
		int stalledDays, int missedCheckinDays, String quietStart, String quietEnd, int minHoursBetween,
		@Nullable Instant enabledAt) {

	static final String COLLECTION = "nudge_settings";

	static AdaptiveSettings defaults(String clientId, String therapistId) {
		return new AdaptiveSettings(clientId, therapistId, false, Mode.SUGGEST, 3, 4, 3, "22:00", "08:00", 48, null);
	}

	LocalTime quietStartTime() {
		return LocalTime.parse(this.quietStart);
	}

	LocalTime quietEndTime() {
		return LocalTime.parse(this.quietEnd);
	}

	enum Mode {

		/** Send the nudge (outside quiet hours). */
		SEND,
		/** Put it before the therapist, who approves or dismisses it. */
		SUGGEST

	}

}
