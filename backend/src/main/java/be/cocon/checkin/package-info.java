/**
 * Check-ins: a client's short mood and stress check-ins (with tags and an optional note,
 * screened for risk), their trends for the client and their therapist, and a daily
 * reminder the guide posts in the chat.
 * <p>
 * Other modules read mood summaries through {@link be.cocon.checkin.MoodTrends}.
 */
@NullMarked
@ApplicationModule(displayName = "Check-ins")
package be.cocon.checkin;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
