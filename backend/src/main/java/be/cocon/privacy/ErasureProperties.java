package be.cocon.privacy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a client's erasure treats what is still going on ({@code cocon.privacy.erasure.*}).
 *
 * @param openEscalation an escalation (HIGH or MEDIUM) that no moderator has resolved
 * yet: {@code refuse} the erasure until a moderator has (the default: the client said
 * something that made us worry and a person must still act), or {@code close} it as
 * resolved with the outcome {@code CLIENT_DELETED}
 * @param openReview a quiet review item no moderator has looked at: {@code close} it (the
 * default: the client never saw it and nobody was alarmed) or {@code refuse}
 * @param resumeEvery how often an erasure that stopped halfway (a crash) is finished (one
 * instance at a time)
 */
@ConfigurationProperties("cocon.privacy.erasure")
public record ErasureProperties(@DefaultValue("refuse") WhenOpen openEscalation,
		@DefaultValue("close") WhenOpen openReview, @DefaultValue("5m") Duration resumeEvery) {

	/** What happens with something still open when a client erases their account. */
	public enum WhenOpen {

		/** The erasure is refused with a problem that says why. */
		REFUSE,
		/** It is closed, then anonymised like the rest. */
		CLOSE

	}

}
