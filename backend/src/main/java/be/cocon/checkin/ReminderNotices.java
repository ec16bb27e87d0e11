package be.cocon.checkin;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The reminder's text in the client's language. */
@Component
class ReminderNotices {

	private final MessageSource messages;

	ReminderNotices(MessageSource messages) {
		this.messages = messages;
	}

	String reminder(String language) {
		return this.messages.getMessage("checkin.reminder", null, Locale.forLanguageTag(language));
	}

}
