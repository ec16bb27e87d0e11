package be.cocon.safety;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The crisis lines a client is shown, per country and language, read from
 * {@code classpath:safety/crisis-resources.json}: numbers, links and opening hours are
 * data, so they change without a code change. The country follows the client's time zone.
 */
@Component
class CrisisResources {

	static final String FILE = "safety/crisis-resources.json";

	static final Set<String> LANGUAGES = Set.of("nl", "en");

	private final JsonNode root;

	CrisisResources() {
		this(FILE);
	}

	CrisisResources(String classpathFile) {
		try (InputStream in = new ClassPathResource(classpathFile).getInputStream()) {
			this.root = JsonMapper.builder().build().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + classpathFile, ex);
		}
		if (!this.root.path("countries").has(defaultCountry())) {
			throw new IllegalStateException(classpathFile + " has no resources for its default country");
		}
	}

	Set<String> countries() {
		return Set.copyOf(this.root.path("countries").propertyNames());
	}

	String defaultCountry() {
		return this.root.path("defaultCountry").asString("BE");
	}

	/** The country whose crisis lines suit someone in this time zone. */
	String countryOf(@Nullable String timezone) {
		JsonNode country = this.root.path("countryByTimezone").path((timezone != null) ? timezone : "");
		return country.isString() ? country.asString() : defaultCountry();
	}

	/**
	 * The card for a country and language; resources first in line for the category come
	 * first (e.g. 1712 for abuse), the emergency number last.
	 */
	CrisisCard card(String country, String language, @Nullable Category category) {
		String lang = LANGUAGES.contains(language) ? language : "nl";
		String code = country.toUpperCase(Locale.ROOT);
		JsonNode list = this.root.path("countries").path(countries().contains(code) ? code : defaultCountry());
		List<Ranked> ranked = new ArrayList<>();
		int index = 0;
		for (JsonNode node : list) {
			ranked.add(new Ranked(rank(node, category), index++, resource(node, lang)));
		}
		ranked.sort(Comparator.comparingInt(Ranked::rank).thenComparingInt(Ranked::index));
		return new CrisisCard(countries().contains(code) ? code : defaultCountry(), lang,
				this.root.path("intro").path(lang).asString(), ranked.stream().map(Ranked::resource).toList());
	}

	private static int rank(JsonNode node, @Nullable Category category) {
		if (node.path("emergency").asBoolean()) {
			return 2;
		}
		for (JsonNode suits : node.path("for")) {
			if (category != null && suits.asString().equals(category.name())) {
				return 0;
			}
		}
		return 1;
	}

	private static CrisisResource resource(JsonNode node, String lang) {
		return new CrisisResource(node.path("id").asString(), node.path("name").asString(),
				node.path("description").path(lang).asString(), text(node.path("phone")), text(node.path("phoneLabel")),
				text(node.path("chatUrl")), text(node.path("website")), node.path("hours").path(lang).asString(),
				text(node.path("audience").path(lang)), node.path("emergency").asBoolean());
	}

	private static @Nullable String text(JsonNode node) {
		return node.isString() ? node.asString() : null;
	}

	private record Ranked(int rank, int index, CrisisResource resource) {
	}

}
