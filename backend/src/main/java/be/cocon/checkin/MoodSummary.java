package be.cocon.checkin;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A client's recent mood: last check-in, 7-day average, the 7 days before, direction. */
public record MoodSummary(String clientId, @Nullable Instant lastCheckInAt, @Nullable Double mood7,
		@Nullable Double moodPrevious7, @Nullable Direction direction) {
}
