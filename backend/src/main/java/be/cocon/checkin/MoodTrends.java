package be.cocon.checkin;

import java.util.Collection;
import java.util.List;

/** For the dashboard and nudges: a short mood summary per client. */
public interface MoodTrends {

	List<MoodSummary> summariesOf(Collection<String> clientIds);

}
