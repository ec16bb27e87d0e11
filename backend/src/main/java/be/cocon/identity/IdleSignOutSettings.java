package be.cocon.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the browser app signs a person out after they did nothing for a while
 * ({@code cocon.identity.idle-sign-out.*}), so nobody else reads on at a shared or
 * borrowed device. The app reads it from {@code GET /auth/config}.
 *
 * @param client idle time after which a client is signed out
 * @param staff idle time after which a therapist, moderator or admin is signed out
 * @param warning how long before that the app asks "are you still there?"
 */
@ConfigurationProperties("cocon.identity.idle-sign-out")
record IdleSignOutSettings(@DefaultValue("15m") Duration client, @DefaultValue("30m") Duration staff,
		@DefaultValue("60s") Duration warning) {

	IdleSignOutSettings {
		if (client.compareTo(Duration.ofMinutes(1)) < 0 || staff.compareTo(Duration.ofMinutes(1)) < 0) {
			throw new IllegalArgumentException("cocon.identity.idle-sign-out: client and staff are at least 1m");
		}
		if (warning.isNegative() || warning.compareTo(client) >= 0 || warning.compareTo(staff) >= 0) {
			throw new IllegalArgumentException(
					"cocon.identity.idle-sign-out.warning must be shorter than the idle times");
		}
	}

}
