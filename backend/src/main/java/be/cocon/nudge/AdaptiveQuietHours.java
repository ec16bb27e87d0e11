package be.cocon.nudge;

import java.time.Instant;
import java.time.ZoneId;

import org.springframework.stereotype.Component;

/** Quiet hours from the stored adaptive settings, or the defaults. */
@Component
class AdaptiveQuietHours implements QuietHours {

	private final Nudges nudges;

	AdaptiveQuietHours(Nudges nudges) {
		this.nudges = nudges;
	}

	@Override
	public boolean isQuiet(String clientId, ZoneId zone, Instant at) {
		AdaptiveSettings settings = this.nudges.settingsOf(clientId)
			.orElseGet(() -> AdaptiveSettings.defaults(clientId, ""));
		return AdaptivePolicy.inQuietHours(at.atZone(zone).toLocalTime(), settings.quietStartTime(),
				settings.quietEndTime());
	}

}
