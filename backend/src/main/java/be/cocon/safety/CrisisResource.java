package be.cocon.safety;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One crisis line as shown to a client.
 *
 * @param id stable id
 * @param name the line's name
 * @param description what it is for, in the client's language
 * @param phone the number to dial, or null
 * @param phoneLabel the number as people write it
 * @param chatUrl where to chat, or null
 * @param website the line's site, or null
 * @param hours when it answers, in the client's language
 * @param audience who it is for, or null for everyone
 * @param emergency whether this is the emergency number
 */
public record CrisisResource(String id, String name, String description, @Nullable String phone,
		@Nullable String phoneLabel, @Nullable String chatUrl, @Nullable String website, String hours,
		@Nullable String audience, boolean emergency) {

	Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("id", this.id);
		map.put("name", this.name);
		map.put("description", this.description);
		map.put("phone", this.phone);
		map.put("phoneLabel", this.phoneLabel);
		map.put("chatUrl", this.chatUrl);
		map.put("website", this.website);
		map.put("hours", this.hours);
		map.put("audience", this.audience);
		map.put("emergency", this.emergency);
		return map;
	}

}
