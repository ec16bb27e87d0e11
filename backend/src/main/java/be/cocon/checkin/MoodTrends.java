package be.cocon.checkin;

import java.util.Collection;
import java.util.List;

/** Mood at a glance for overviews (the therapist's dashboard, nudges). */
public interface MoodTrends {

	/**
	 * One summary per given client, in the given order; a client without check-ins gets a
	 * summary of nulls.
	 */
	List<MoodSummary> summariesOf(Collection<String> clientIds);

}
