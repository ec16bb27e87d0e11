package be.cocon.privacy;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A module's purge of its own personal data past its retention period. The privacy module
 * decides when (a scheduled run under one lease across instances), how far back
 * ({@code cutoff}, from {@code cocon.privacy.retention}) and keeps the progress; the
 * module deletes in its own collections only.
 *
 * <p>
 * A purge walks its owners (conversations, clients, ...) in {@code _id} order, a batch at
 * a time, and reaches their items by computed ids. It must be idempotent: a batch that
 * was cut off halfway (the process died) is simply done again.
 */
public interface RetentionPurge {

	/** The data this purge deletes, which also names its retention period. */
	Kind kind();

	/**
	 * Deletes, for the next owners after {@code after} (in {@code _id} order; null for
	 * the first), what is older than {@code cutoff}.
	 * @param cutoff items stored (or, for escalations, resolved) before it go
	 * @param after the last owner of the previous batch, or null to start
	 * @param batchSize at most this many owners
	 * @return the last owner handled (null when there were none left) and how many items
	 * were deleted
	 */
	Batch purge(Instant cutoff, @Nullable String after, int batchSize);

	/**
	 * @param last the last owner handled, or null when the walk is complete
	 * @param purged items deleted in this batch
	 */
	record Batch(@Nullable String last, long purged) {

		public static Batch done() {
			return new Batch(null, 0);
		}

	}

	/** The kinds of data with a retention period (see {@link RetentionProperties}). */
	enum Kind {

		/** Chat messages (and their dedup records and previews). */
		MESSAGES,
		/** Mood and stress check-ins. */
		CHECKINS,
		/** Escalations (with their signals and notes), once resolved. */
		RESOLVED_ESCALATIONS,
		/** Nudges that were sent, cancelled or dismissed. */
		NUDGES,
		/** Audit entries. */
		AUDIT_ENTRIES

	}

}
