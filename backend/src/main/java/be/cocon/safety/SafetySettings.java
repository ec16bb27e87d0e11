package be.cocon.safety;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the safety module ({@code cocon.safety.*}).
 *
 * @param claimWithin an escalation nobody claimed within this time is overdue and
 * re-alerts the moderators
 * @param realertEvery while an overdue escalation stays unclaimed, it re-alerts this
 * often
 * @param overdueCheckEvery how often the overdue check runs
 * @param crisisCardEvery at most one crisis card per conversation within this time (a
 * client writing several worrying messages in a row gets one card, not a card each)
 * @param contextMessages how many recent messages of each conversation a moderator sees
 * @param maxSignals signals kept on one escalation; later ones are only counted
 */
@ConfigurationProperties("cocon.safety")
record SafetySettings(@DefaultValue("5m") Duration claimWithin, @DefaultValue("5m") Duration realertEvery,
		@DefaultValue("20s") Duration overdueCheckEvery, @DefaultValue("10m") Duration crisisCardEvery,
		@DefaultValue("20") int contextMessages, @DefaultValue("100") int maxSignals) {
}
