package be.cocon.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a client needs attention ({@code cocon.dashboard.*}).
 *
 * @param inactiveDays no check-in, answer or message for this many days
 * @param stalledDays on the same step of an active programme for this many days
 */
@ConfigurationProperties("cocon.dashboard")
record DashboardSettings(@DefaultValue("7") int inactiveDays, @DefaultValue("7") int stalledDays) {
}
