package be.cocon.identity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A client was assigned to a therapist (possibly replacing an earlier one).
 *
 * @param clientId the client
 * @param therapistId the new therapist
 * @param previousTherapistId the therapist the client had before, or null
 * @param at when
 */
public record ClientAssignedToTherapist(UserId clientId, UserId therapistId, @Nullable UserId previousTherapistId,
		Instant at) {
}
