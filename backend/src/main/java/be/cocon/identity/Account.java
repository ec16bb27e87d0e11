package be.cocon.identity;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What other modules may know about an account. Never carries the password hash.
 *
 * @param id stable id
 * @param username sign-in name
 * @param pseudonym display name shown to others
 * @param roles roles
 * @param locale preferred language ({@code nl} or {@code en})
 * @param timezone IANA time zone, e.g. {@code Europe/Brussels}
 * @param createdAt when the account was created
 * @param disabledAt when an admin disabled it, or null
 * @param therapistId the client's active therapist, or null
 */
public record Account(UserId id, String username, String pseudonym, Set<Role> roles, String locale, String timezone,
		Instant createdAt, @Nullable Instant disabledAt, @Nullable UserId therapistId) {

	public boolean hasRole(Role role) {
		return this.roles.contains(role);
	}

	/**
	 * The account's time zone; the default zone if the stored one is unknown to this JVM
	 * (zone ids are checked when they are set, but zone data changes).
	 */
	public ZoneId zone() {
		try {
			return ZoneId.of(this.timezone);
		}
		catch (DateTimeException ex) {
			return ZoneId.of(AccountService.DEFAULT_TIMEZONE);
		}
	}

	public boolean isDisabled() {
		return this.disabledAt != null;
	}

}
