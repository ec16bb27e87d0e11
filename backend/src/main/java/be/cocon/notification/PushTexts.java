package be.cocon.notification;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The notification's payload: a neutral title and text in the user's language and the
 * page to open. Never the message, the nudge or anyone's name: a notification shows on a
 * lock screen that others may see.
 */
@Component
class PushTexts {

	private final MessageSource messages;

	private final JsonMapper json = JsonMapper.builder().build();

	PushTexts(MessageSource messages) {
		this.messages = messages;
	}

	byte[] payload(PushType type, String language) {
		Locale locale = Locale.forLanguageTag(language);
		Map<String, String> payload = new LinkedHashMap<>();
		payload.put("title", this.messages.getMessage("push.title", null, locale));
		payload.put("body", this.messages.getMessage(type.textKey(), null, locale));
		payload.put("url", type.url());
		payload.put("tag", type.topic());
		return this.json.writeValueAsBytes(payload);
	}

}
