package be.cocon.checkin;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the module keeps per client ({@code _id} = client id): when they last checked in
 * (for overviews) and their daily reminder.
 *
 * @param id the client
 * @param lastCheckInAt their latest check-in, or null
 * @param reminder their reminder, or null when they never set one
 */
@Document(ClientDocument.COLLECTION)
record ClientDocument(@Id String id, @Nullable Instant lastCheckInAt, @Nullable Reminder reminder) {

	static final String COLLECTION = "checkin_clients";

	/**
	 * A daily reminder.
	 *
	 * @param enabled whether it is on
	 * @param time local time {@code HH:mm}
	 * @param zone the time zone {@code nextAt} was computed in
	 * @param nextAt when it is due next; stored, so a restart neither loses nor repeats
	 * one
	 */
	record Reminder(boolean enabled, String time, String zone, @Nullable Instant nextAt) {
	}

}
