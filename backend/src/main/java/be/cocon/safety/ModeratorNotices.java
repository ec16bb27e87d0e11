package be.cocon.safety;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The notices a client sees when a moderator steps into or out of their conversation. */
@Component
class ModeratorNotices {

	private final MessageSource messages;

	ModeratorNotices(MessageSource messages) {
		this.messages = messages;
	}

	String joined(String language, String moderator) {
		return this.messages.getMessage("safety.moderator-joined", new Object[] { moderator },
				Locale.forLanguageTag(language));
	}

	String left(String language, String moderator) {
		return this.messages.getMessage("safety.moderator-left", new Object[] { moderator },
				Locale.forLanguageTag(language));
	}

}
