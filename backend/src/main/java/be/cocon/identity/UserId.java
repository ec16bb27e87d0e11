package be.cocon.identity;

import java.util.UUID;

/**
 * The stable id of an account; it is the {@code sub} claim of every token and never
 * changes, also when a username does.
 *
 * @param value the id, a UUID in text form for built-in accounts
 */
public record UserId(String value) {

	public UserId {
		if (value == null || value.isBlank() || value.length() > 128) {
			throw new IllegalArgumentException("A user id must be 1 to 128 characters");
		}
	}

	static UserId random() {
		return new UserId(UUID.randomUUID().toString());
	}

	@Override
	public String toString() {
		return this.value;
	}

}
