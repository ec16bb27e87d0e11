package be.cocon.safety;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The crisis card: a short intro and the lines to call or chat with, for one country and
 * language.
 *
 * @param country {@code BE} or {@code NL}
 * @param language {@code nl} or {@code en}
 * @param intro one calm sentence
 * @param resources the lines, most fitting first, the emergency number last
 */
public record CrisisCard(String country, String language, String intro, List<CrisisResource> resources) {

	/** As message data, so the card stays in the chat history exactly as shown. */
	Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("country", this.country);
		map.put("language", this.language);
		map.put("intro", this.intro);
		map.put("resources", this.resources.stream().map(CrisisResource::toMap).toList());
		return map;
	}

}
