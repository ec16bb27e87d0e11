package be.cocon.privacy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import org.springframework.web.util.HtmlUtils;

/**
 * The export as one readable, self-contained HTML page (no scripts, no outside files, its
 * style inline) in the client's language and time zone, made for a phone screen. Every
 * value is escaped; labels come from {@code privacy/export*.properties} and fall back to
 * the field's name.
 */
final class ExportPage {

	private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");

	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*|[a-z]+(\\.[a-z-]+)+");

	private static final String STYLE = """
			*{box-sizing:border-box}
			body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2a30;background:#f6f4ef}
			main{max-width:46rem;margin:0 auto;padding:1rem}
			h1{font-size:1.5rem;margin:.5rem 0}
			h2{font-size:1.25rem;margin:2rem 0 .5rem;padding-top:.5rem;border-top:2px solid #d9d3c7}
			nav ul{padding-left:1.2rem}
			a{color:#1d5c63}
			dl{margin:0}
			dt{font-size:.8rem;color:#5b6870;margin-top:.5rem}
			dd{margin:0;overflow-wrap:anywhere}
			ol{list-style:none;padding:0;margin:.25rem 0}
			li{background:#fff;border:1px solid #e2ddd3;border-radius:.5rem;padding:.5rem .75rem;margin:.5rem 0}
			li li{background:#faf9f6}
			nav li{background:none;border:0;padding:0;margin:.35rem 0}
			nav ul{list-style:disc}
			.text{white-space:pre-wrap}
			.none,.intro{color:#5b6870}
			@media print{body{background:#fff}li{break-inside:avoid}}
			""";

	private final ResourceBundle labels;

	private final Locale locale;

	private final ZoneId zone;

	private final DateTimeFormatter instants;

	private final DateTimeFormatter dates;

	private ExportPage(Locale locale, ZoneId zone) {
		this.locale = locale;
		this.zone = zone;
		this.labels = ResourceBundle.getBundle("privacy.export", locale,
				ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
		this.instants = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
			.withLocale(locale)
			.withZone(zone);
		this.dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
	}

	/**
	 * @param sections the export's sections as a JSON tree (what the JSON download holds)
	 * @param exportedAt when the export was made
	 * @param pseudonym the client's pseudonym, for the title
	 * @param language {@code nl} or {@code en}
	 * @param timezone the client's time zone
	 */
	static String render(JsonNode sections, Instant exportedAt, String pseudonym, String language, String timezone) {
		return new ExportPage(Locale.forLanguageTag("en".equals(language) ? "en" : "nl"), zoneOf(timezone))
			.page(sections, exportedAt, pseudonym);
	}

	private String page(JsonNode sections, Instant exportedAt, String pseudonym) {
		StringBuilder html = new StringBuilder(16_384);
		String title = label("page.title");
		html.append("<!doctype html>\n<html lang=\"")
			.append(this.locale.getLanguage())
			.append("\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
			.append("<meta name=\"robots\" content=\"noindex\">\n<title>")
			.append(escape(title))
			.append("</title>\n<style>")
			.append(STYLE)
			.append("</style>\n</head>\n<body>\n<main>\n<h1>")
			.append(escape(title))
			.append("</h1>\n<p class=\"intro\">")
			.append(escape(
					String.format(this.locale, label("page.intro"), pseudonym, this.instants.format(exportedAt))))
			.append("</p>\n<nav aria-label=\"")
			.append(escape(label("page.contents")))
			.append("\"><ul>\n");
		sections.propertyNames()
			.forEach((name) -> html.append("<li><a href=\"#")
				.append(escape(name))
				.append("\">")
				.append(escape(sectionTitle(name)))
				.append("</a></li>\n"));
		html.append("</ul></nav>\n");
		for (Map.Entry<String, JsonNode> section : sections.properties()) {
			html.append("<section id=\"")
				.append(escape(section.getKey()))
				.append("\">\n<h2>")
				.append(escape(sectionTitle(section.getKey())))
				.append("</h2>\n");
			value(html, section.getValue());
			html.append("\n</section>\n");
		}
		html.append("</main>\n</body>\n</html>\n");
		return html.toString();
	}

	private void value(StringBuilder html, JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			html.append("<span class=\"none\">—</span>");
		}
		else if (node.isObject()) {
			object(html, node);
		}
		else if (node.isArray()) {
			array(html, node);
		}
		else if (node.isBoolean()) {
			html.append(escape(label(node.asBoolean() ? "value.yes" : "value.no")));
		}
		else if (node.isNumber()) {
			html.append(escape(node.asString()));
		}
		else {
			text(html, node.asString());
		}
	}

	private void object(StringBuilder html, JsonNode node) {
		if (node.isEmpty()) {
			html.append("<span class=\"none\">").append(escape(label("value.none"))).append("</span>");
			return;
		}
		html.append("<dl>");
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			html.append("<dt>").append(escape(fieldLabel(field.getKey()))).append("</dt><dd>");
			value(html, field.getValue());
			html.append("</dd>");
		}
		html.append("</dl>");
	}

	private void array(StringBuilder html, JsonNode node) {
		if (node.isEmpty()) {
			html.append("<span class=\"none\">").append(escape(label("value.none"))).append("</span>");
			return;
		}
		boolean scalars = true;
		for (JsonNode item : node) {
			scalars &= item.isValueNode();
		}
		if (scalars) {
			List<String> items = new ArrayList<>();
			node.forEach((item) -> items.add(item.isString() ? display(item.asString()) : item.asString()));
			html.append(escape(String.join(", ", items)));
			return;
		}
		html.append("<ol>");
		for (JsonNode item : node) {
			html.append("<li>");
			value(html, item);
			html.append("</li>");
		}
		html.append("</ol>");
	}

	private void text(StringBuilder html, String text) {
		String shown = display(text);
		if (shown.equals(text) && (text.contains("\n") || text.length() > 60)) {
			html.append("<span class=\"text\">").append(escape(text)).append("</span>");
		}
		else {
			html.append(escape(shown));
		}
	}

	/** A time or date in the client's zone and language, a known code translated. */
	private String display(String text) {
		if (INSTANT.matcher(text).matches()) {
			try {
				return this.instants.format(Instant.parse(text));
			}
			catch (DateTimeException ex) {
				return text;
			}
		}
		if (DATE.matcher(text).matches()) {
			try {
				return this.dates.format(LocalDate.parse(text));
			}
			catch (DateTimeException ex) {
				return text;
			}
		}
		if (CODE.matcher(text).matches()) {
			return optionalLabel("value." + text, text);
		}
		return text;
	}

	private String sectionTitle(String section) {
		return optionalLabel("section." + section, section);
	}

	private String fieldLabel(String field) {
		return optionalLabel("field." + field, words(field));
	}

	private String label(String key) {
		return this.labels.getString(key);
	}

	private String optionalLabel(String key, String fallback) {
		try {
			return this.labels.getString(key);
		}
		catch (MissingResourceException ex) {
			return fallback;
		}
	}

	/** {@code lastCheckInAt} becomes "last check in at". */
	private static String words(String field) {
		String spaced = field.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
		return spaced.isEmpty() ? field : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

	private static ZoneId zoneOf(String timezone) {
		try {
			return ZoneId.of(timezone);
		}
		catch (DateTimeException ex) {
			return ZoneId.of("Europe/Brussels");
		}
	}

}
