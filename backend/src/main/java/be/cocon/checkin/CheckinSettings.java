package be.cocon.checkin;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the check-in module ({@code cocon.checkin.*}).
 *
 * @param maxNoteLength longest note (characters, after trimming)
 * @param maxTags most tags on one check-in
 * @param maxPerDay most check-ins one client may store per (local) day; bounds the size
 * of a month document
 * @param tags the tag vocabulary clients choose from
 * @param reminderCheckEvery how often the reminder job looks for due reminders
 * @param reminderLateLimit a reminder found due later than this (the app was down) is
 * skipped instead of posted late
 * @param defaultReminderTime the time a client's reminder shows before they choose one
 */
@ConfigurationProperties("cocon.checkin")
record CheckinSettings(@DefaultValue("500") int maxNoteLength, @DefaultValue("6") int maxTags,
		@DefaultValue("20") int maxPerDay, @DefaultValue( {
				"sleep", "school", "friends", "family", "health", "sport", "screens", "alone", "hobbies",
				"money" }) List<String> tags,
		@DefaultValue("30s") Duration reminderCheckEvery, @DefaultValue("3h") Duration reminderLateLimit,
		@DefaultValue("19:00") LocalTime defaultReminderTime){
}
