package be.cocon.safety;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules of one language, read from {@code classpath:safety/lexicon-<language>.json}.
 * <p>
 * Patterns are regular expressions over normalised text (lower case, no diacritics,
 * punctuation replaced by spaces) with three shorthands: a space matches any run of
 * whitespace, {@code " ?"} matches optional whitespace, {@code "_"} is one word and
 * {@code "~ "} is up to two filler words that are not negation words. Every pattern is
 * anchored on word boundaries.
 */
final class Lexicon {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern ELONGATION = Pattern.compile("(\\p{L})\\1{2,}");

	private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");

	private static final String CLAUSE_PUNCTUATION = ".,;:!?\"()[]\n\r";

	private final String language;

	private final Map<Pattern, String> spelling = new LinkedHashMap<>();

	private final List<Pattern> clauseBreaks;

	private final List<Pattern> negations;

	private final List<Pattern> idioms;

	private final List<Pattern> pastCues;

	private final List<Pattern> recoveryCues;

	private final List<Pattern> framing;

	private final List<Pattern> laughter;

	private final List<Rule> rules = new ArrayList<>();

	private Lexicon(JsonNode json) {
		this.language = json.get("language").asString();
		json.get("spelling")
			.properties()
			.forEach((entry) -> this.spelling.put(
					Pattern.compile("(?<![\\w'])" + Pattern.quote(entry.getKey()) + "(?![\\w'])"),
					entry.getValue().asString()));
		List<String> negationWords = strings(json, "negations");
		String filler = "(?:(?!(?:" + negationWords.stream()
			.filter((word) -> !word.contains(" "))
			.map(Pattern::quote)
			.collect(Collectors.joining("|")) + ")\\b)[\\w']+\\s+){0,2}";
		this.clauseBreaks = compile(strings(json, "clauseBreaks"), filler);
		this.negations = compile(negationWords, filler);
		this.idioms = compile(strings(json, "idioms"), filler);
		this.pastCues = compile(strings(json, "pastCues"), filler);
		this.recoveryCues = compile(strings(json, "recoveryCues"), filler);
		this.framing = compile(strings(json, "framing"), filler);
		this.laughter = compile(strings(json, "laughter"), filler);
		for (JsonNode rule : json.get("rules")) {
			this.rules.add(new Rule(rule.get("id").asString(), Category.valueOf(rule.get("category").asString()),
					Severity.valueOf(rule.get("severity").asString()),
					compile(rule.get("pattern").asString(), filler)));
		}
	}

	static Lexicon load(String language) {
		String path = "safety/lexicon-" + language + ".json";
		try (InputStream in = Lexicon.class.getClassLoader().getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("Missing lexicon " + path);
			}
			return new Lexicon(JSON.readTree(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read lexicon " + path, ex);
		}
	}

	String language() {
		return this.language;
	}

	int ruleCount() {
		return this.rules.size();
	}

	/**
	 * Lower case, no diacritics, typographic quotes made plain.
	 * @param text the text as written
	 * @return the folded text
	 */
	static String fold(String text) {
		String folded = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
		folded = DIACRITICS.matcher(folded).replaceAll("");
		return folded.replace('\u2019', '\'')
			.replace('\u2018', '\'')
			.replace('`', '\'')
			.replace('\u00b4', '\'')
			.replace('\u201c', '"')
			.replace('\u201d', '"')
			.replace('\u201e', '"');
	}

	/**
	 * A letter repeated three times or more is read both as a double and as a single
	 * letter: "doooood" becomes "dood" and "dod", "dieeee" becomes "diee" and "die".
	 * @param folded folded text
	 * @return the readings to try, the first one unchanged
	 */
	static List<String> elongationVariants(String folded) {
		if (!ELONGATION.matcher(folded).find()) {
			return List.of(folded);
		}
		return List.of(ELONGATION.matcher(folded).replaceAll("$1$1"), ELONGATION.matcher(folded).replaceAll("$1"));
	}

	/**
	 * The rules that match, after idioms are masked, negated matches dropped and the
	 * message-level framing applied.
	 * @param text the message as written
	 * @return matched rules with their effective severity, keyed by rule id
	 */
	Map<String, Hit> hits(String text) {
		Map<String, Hit> hits = new LinkedHashMap<>();
		for (String variant : elongationVariants(fold(text))) {
			hitsOf(variant, hits);
		}
		return hits;
	}

	private void hitsOf(String variant, Map<String, Hit> hits) {
		String spelled = variant;
		for (Map.Entry<Pattern, String> entry : this.spelling.entrySet()) {
			spelled = entry.getKey().matcher(spelled).replaceAll(Matcher.quoteReplacement(entry.getValue()));
		}
		TreeSet<Integer> breaks = new TreeSet<>();
		StringBuilder clean = new StringBuilder(spelled.length());
		for (int i = 0; i < spelled.length(); i++) {
			char c = spelled.charAt(i);
			if (Character.isLetterOrDigit(c) || c == '\'') {
				clean.append(c);
			}
			else {
				if (CLAUSE_PUNCTUATION.indexOf(c) >= 0) {
					breaks.add(i);
				}
				clean.append(' ');
			}
		}
		String plain = clean.toString();
		for (Pattern clauseBreak : this.clauseBreaks) {
			Matcher matcher = clauseBreak.matcher(plain);
			while (matcher.find()) {
				breaks.add(matcher.start());
			}
		}
		char[] masked = plain.toCharArray();
		for (Pattern idiom : this.idioms) {
			Matcher matcher = idiom.matcher(plain);
			while (matcher.find()) {
				Arrays.fill(masked, matcher.start(), matcher.end(), ' ');
			}
		}
		String text = new String(masked);
		boolean framed = any(this.framing, plain);
		boolean past = any(this.pastCues, plain);
		boolean recovered = past && any(this.recoveryCues, plain);
		boolean laughing = any(this.laughter, plain);
		if (framed || recovered) {
			return;
		}
		for (Rule rule : this.rules) {
			Matcher matcher = rule.pattern().matcher(text);
			while (matcher.find()) {
				if (negated(text, breaks, matcher.start())) {
					continue;
				}
				Severity severity = past ? Severity.MEDIUM : rule.severity();
				if (laughing && severity == Severity.MEDIUM) {
					continue;
				}
				Hit hit = new Hit(rule.id(), rule.category(), severity);
				hits.merge(rule.id(), hit, (a, b) -> (a.severity().compareTo(b.severity()) <= 0) ? a : b);
				break;
			}
		}
	}

	/**
	 * A match is negated when one of the four words before it, in the same clause, is a
	 * negation cue ("ik wil mezelf nooit...", "i would never ...").
	 */
	private boolean negated(String text, TreeSet<Integer> breaks, int start) {
		Integer clauseStart = breaks.floor(start);
		String before = text.substring((clauseStart != null) ? clauseStart : 0, start).trim();
		String[] words = before.isEmpty() ? new String[0] : before.split("\\s+");
		String window = String.join(" ", Arrays.copyOfRange(words, Math.max(0, words.length - 4), words.length));
		return any(this.negations, window);
	}

	private static boolean any(List<Pattern> patterns, String text) {
		return patterns.stream().anyMatch((pattern) -> pattern.matcher(text).find());
	}

	private static List<String> strings(JsonNode json, String field) {
		List<String> values = new ArrayList<>();
		json.get(field).forEach((value) -> values.add(value.asString()));
		return values;
	}

	private static List<Pattern> compile(List<String> patterns, String filler) {
		return patterns.stream().map((pattern) -> compile(pattern, filler)).toList();
	}

	static Pattern compile(String pattern, String filler) {
		String regex = pattern.replace("~ ", "\u0001")
			.replace(" ?", "\u0002")
			.replace(" ", "\\s+")
			.replace("_", "[\\w']+")
			.replace("\u0001", filler)
			.replace("\u0002", "\\s*");
		return Pattern.compile("\\b(?:" + regex + ")\\b");
	}

	record Rule(String id, Category category, Severity severity, Pattern pattern) {
	}

	record Hit(String ruleId, Category category, Severity severity) {
	}

}
