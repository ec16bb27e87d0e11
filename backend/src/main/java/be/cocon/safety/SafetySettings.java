package be.cocon.safety;

import java.time.Duration;
import java.time.ZoneId;

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
 * @param statsZone the time zone whose calendar days the figures for staff count in
 * @param context the recent messages the detector reads a new message with
 */
@ConfigurationProperties("cocon.safety")
record SafetySettings(@DefaultValue("5m") Duration claimWithin, @DefaultValue("5m") Duration realertEvery,
		@DefaultValue("20s") Duration overdueCheckEvery, @DefaultValue("10m") Duration crisisCardEvery,
		@DefaultValue("20") int contextMessages, @DefaultValue("100") int maxSignals,
		@DefaultValue("Europe/Brussels") ZoneId statsZone, @DefaultValue Context context) {

	/**
	 * The detector's view of a conversation's recent past, kept in memory per instance.
	 *
	 * @param messages how many earlier messages (text and answers, both sides)
	 * @param within only messages of this last stretch of time
	 * @param conversations at most this many conversations are remembered (the least
	 * recently active are forgotten first)
	 * @param characters at most this many characters of each message are kept (its end)
	 */
	record Context(@DefaultValue("4") int messages, @DefaultValue("30m") Duration within,
			@DefaultValue("10000") int conversations, @DefaultValue("600") int characters) {
	}

}
