package be.cocon.identity;

import java.time.Instant;

/**
 * A client no longer has an active therapist.
 *
 * @param clientId the client
 * @param therapistId the therapist the client had
 * @param at when
 */
public record ClientUnassigned(UserId clientId, UserId therapistId, Instant at) {
}
