package be.cocon.platform;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The store could not be reached or did not answer in time (see
 * {@code cocon.store.unavailable-after}): not the client's mistake and not a bug, but an
 * outage the client should retry after. REST answers it with 503 and {@code Retry-After},
 * STOMP with the error event {@code store.unavailable}; either way nothing was
 * acknowledged.
 */
public final class StoreOutage {

	/** The problem and error event code. */
	public static final String CODE = "store.unavailable";

	/** What the client is told. */
	public static final String DETAIL = "Our storage is briefly unavailable; nothing was saved. Please try again in a moment.";

	/** Seconds after which a client may try again ({@code Retry-After}). */
	public static final int RETRY_AFTER_SECONDS = 5;

	private StoreOutage() {
	}

	/** Whether this failure, or one of its causes, is the store being unreachable. */
	public static boolean causedBy(@Nullable Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof MongoTimeoutException
					|| cause instanceof MongoSocketException) {
				return true;
			}
		}
		return false;
	}

}
