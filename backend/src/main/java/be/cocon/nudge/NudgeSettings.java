package be.cocon.nudge;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the nudge module ({@code cocon.nudge.*}).
 *
 * @param dispatchEvery how often due scheduled nudges are sent
 * @param adaptiveEvery how often clients with adaptive nudges are looked at
 * @param maxTextLength longest nudge text
 * @param maxScheduleAhead how far ahead a nudge may be scheduled
 * @param maxTemplates personal templates per therapist
 */
@ConfigurationProperties("cocon.nudge")
record NudgeSettings(@DefaultValue("15s") Duration dispatchEvery, @DefaultValue("5m") Duration adaptiveEvery,
		@DefaultValue("500") int maxTextLength, @DefaultValue("90d") Duration maxScheduleAhead,
		@DefaultValue("50") int maxTemplates) {
}
