package be.cocon.identity;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An account as stored. The client's assignment history lives in the same document, so an
 * assignment changes with one atomic single-document write. A client's document also
 * keeps the minimum age they confirmed (the setting at that time) and when.
 */
@Document(UserDocument.COLLECTION)
record UserDocument(@Id String id, String username, String usernameKey, String pseudonym, @Nullable String passwordHash,
		Set<Role> roles, String locale, String timezone, Instant createdAt, @Nullable Instant disabledAt,
		@Nullable String houseRulesVersion, @Nullable Instant houseRulesAcceptedAt,
		@Nullable Instant minimumAgeConfirmedAt, @Nullable Integer confirmedMinimumAge, @Nullable String therapistId,
		List<Assignment> assignments, String origin, long version) {

	static final String COLLECTION = "users";

	/**
	 * One period in which a client had a therapist.
	 *
	 * @param therapistId the therapist
	 * @param startedAt start
	 * @param endedAt end, or null while active
	 * @param assignedBy admin who assigned
	 * @param endedBy admin who ended it, or null
	 */
	record Assignment(String therapistId, Instant startedAt, @Nullable Instant endedAt, String assignedBy,
			@Nullable String endedBy) {
	}

	static String keyOf(String username) {
		return username.trim().toLowerCase(java.util.Locale.ROOT);
	}

	Account toAccount() {
		return new Account(new UserId(this.id), this.username, this.pseudonym, this.roles, this.locale, this.timezone,
				this.createdAt, this.disabledAt, (this.therapistId != null) ? new UserId(this.therapistId) : null);
	}

}
