package be.cocon.checkin;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A client's recent mood.
 *
 * @param clientId the client
 * @param lastCheckInAt their latest check-in, or null when they never checked in
 * @param mood7 average mood of the check-ins of the last 7 days (today included, in the
 * client's time zone), or null without check-ins
 * @param moodPrevious7 the same for the 7 days before those
 * @param direction how {@code mood7} compares with {@code moodPrevious7}, or null when
 * either has fewer than 2 check-ins
 */
public record MoodSummary(String clientId, @Nullable Instant lastCheckInAt, @Nullable Double mood7,
		@Nullable Double moodPrevious7, @Nullable Direction direction) {
}
