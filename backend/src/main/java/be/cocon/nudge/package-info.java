/**
 * Nudges: a therapist's short encouragement to a client, sent now or at a chosen local
 * time, from personal templates, or adaptive (when the client stalls on a step, skips
 * check-ins or is inactive) within quiet hours and a frequency cap. Scheduled nudges are
 * stored and sent by one instance at a time; a nudge is posted under an idempotent id, so
 * it reaches the chat once.
 */
@NullMarked
@ApplicationModule(displayName = "Nudges")
package be.cocon.nudge;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
