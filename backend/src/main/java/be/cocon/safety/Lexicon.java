package be.cocon.safety;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules of one language, read from {@code classpath:safety/lexicon-<language>.json}.
 * The pattern language is described in {@link LexiconPatterns}, the normalisation in
 * {@link LexiconNormaliser} and both, with the message-level cues, in
 * {@code safety/README.md}.
 */
final class Lexicon {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String CLAUSE_PUNCTUATION = ".,;:!?\"()[]\n\r";

	private static final Pattern SPACES = Pattern.compile("[\\s\\u0003]+");

	private final String language;

	private final LexiconNormaliser normaliser;

	private final LexiconIndex index;

	private final int clauseBreaks;

	private final int idioms;

	private final int pastCues;

	private final int recoveryCues;

	private final int currentCues;

	private final int framing;

	private final int framingExceptions;

	private final int laughter;

	private final @Nullable Pattern negations;

	private final int negationWindow;

	private final @Nullable Pattern negationScopeBreaks;

	private final @Nullable Pattern postNegations;

	private final int postNegationWindow;

	private final @Nullable Pattern selfCue;

	private final @Nullable Pattern otherCue;

	private final @Nullable Pattern otherReflexive;

	private final List<Rule> rules = new ArrayList<>();

	private Lexicon(JsonNode json) {
		this.language = json.get("language").asString();
		List<String> negationWords = strings(json, "negations");
		Map<String, List<String>> concepts = new LinkedHashMap<>();
		if (json.has("concepts")) {
			json.get("concepts").properties().forEach((entry) -> {
				List<String> entries = new ArrayList<>();
				entry.getValue().forEach((value) -> entries.add(value.asString()));
				concepts.put(entry.getKey(), entries);
			});
		}
		LexiconPatterns patterns = new LexiconPatterns(concepts, negationWords);
		this.index = new LexiconIndex(patterns, new LexiconAnchors(wildcardsAsPrefixes(concepts)));
		this.clauseBreaks = this.index.add(strings(json, "clauseBreaks"));
		this.idioms = this.index.add(strings(json, "idioms"));
		this.pastCues = this.index.add(strings(json, "pastCues"));
		this.recoveryCues = this.index.add(strings(json, "recoveryCues"));
		this.currentCues = this.index.add(strings(json, "currentCues"));
		this.framing = this.index.add(strings(json, "framing"));
		this.framingExceptions = this.index.add(strings(json, "framingExceptions"));
		this.laughter = this.index.add(strings(json, "laughter"));
		this.negations = alternatives(patterns, negationWords);
		this.negationWindow = json.has("negationWindow") ? json.get("negationWindow").asInt() : 4;
		this.negationScopeBreaks = alternatives(patterns, strings(json, "negationScopeBreaks"));
		this.postNegations = alternatives(patterns, strings(json, "postNegations"));
		this.postNegationWindow = json.has("postNegationWindow") ? json.get("postNegationWindow").asInt() : 0;
		this.selfCue = alternatives(patterns, strings(json, "selfCues"));
		this.otherCue = alternatives(patterns, strings(json, "otherCues"));
		this.otherReflexive = alternatives(patterns, strings(json, "otherReflexives"));
		Set<Category> selfCategories = EnumSet.noneOf(Category.class);
		strings(json, "selfCategories").forEach((name) -> selfCategories.add(Category.valueOf(name)));
		for (JsonNode rule : json.get("rules")) {
			Category category = Category.valueOf(rule.get("category").asString());
			String subject = rule.has("subject") ? rule.get("subject").asString()
					: (selfCategories.contains(category) ? "self" : "any");
			this.rules
				.add(new Rule(rule.get("id").asString(), category, Severity.valueOf(rule.get("severity").asString()),
						this.index.add(List.of(rule.get("pattern").asString())),
						rule.has("unless") ? patterns.compile(rule.get("unless").asString()) : null,
						"self".equals(subject)));
		}
		this.normaliser = normaliser(json, patterns.vocabulary());
	}

	private static LexiconNormaliser normaliser(JsonNode json, Set<String> vocabulary) {
		Map<String, String> symbols = new LinkedHashMap<>();
		Map<Character, Character> leet = new LinkedHashMap<>();
		Map<String, String> spelling = new LinkedHashMap<>();
		List<LexiconNormaliser.Restoration> restorations = new ArrayList<>();
		if (json.has("symbols")) {
			json.get("symbols")
				.properties()
				.forEach((entry) -> symbols.put(entry.getKey(), entry.getValue().asString()));
		}
		if (json.has("leet")) {
			json.get("leet")
				.properties()
				.forEach((entry) -> leet.put(entry.getKey().charAt(0), entry.getValue().asString().charAt(0)));
		}
		json.get("spelling").properties().forEach((entry) -> spelling.put(entry.getKey(), entry.getValue().asString()));
		if (json.has("restore")) {
			for (JsonNode restoration : json.get("restore")) {
				restorations.add(new LexiconNormaliser.Restoration(restoration.get("ending").asString(),
						restoration.get("append").asString(), restoration.get("minLength").asInt()));
			}
		}
		return new LexiconNormaliser(symbols, leet, spelling, restorations, vocabulary);
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
		return LexiconNormaliser.fold(text);
	}

	/**
	 * See {@link LexiconNormaliser#elongationVariants(String)}.
	 * @param folded folded text
	 * @return the readings to try, the first one unchanged
	 */
	static List<String> elongationVariants(String folded) {
		return LexiconNormaliser.elongationVariants(folded);
	}

	/**
	 * The normalised readings of a message, as the rules see them (for tests and the
	 * report).
	 * @param text the message as written
	 * @return the readings
	 */
	List<String> readings(String text) {
		return this.normaliser.readings(text);
	}

	/**
	 * The rules that match, after idioms are masked, negated matches dropped and the
	 * message-level framing applied.
	 * @param text the message as written
	 * @return matched rules with their effective severity, keyed by rule id
	 */
	Map<String, Hit> hits(String text) {
		Map<String, Hit> hits = new LinkedHashMap<>();
		for (String reading : this.normaliser.readings(text)) {
			hitsOf(reading, hits);
		}
		return hits;
	}

	/**
	 * The text the patterns are matched against: letters, digits and apostrophes kept,
	 * clause punctuation replaced by {@link LexiconPatterns#CLAUSE}, anything else by a
	 * space, so positions stay those of the reading.
	 * @param reading a normalised reading
	 * @return the text to match
	 */
	static String plain(String reading) {
		StringBuilder clean = new StringBuilder(reading.length());
		for (int i = 0; i < reading.length(); i++) {
			char c = reading.charAt(i);
			if (Character.isLetterOrDigit(c) || c == '\'') {
				clean.append(c);
			}
			else if (CLAUSE_PUNCTUATION.indexOf(c) >= 0) {
				clean.append(LexiconPatterns.CLAUSE);
			}
			else {
				clean.append(' ');
			}
		}
		return clean.toString();
	}

	private void hitsOf(String reading, Map<String, Hit> hits) {
		String plain = plain(reading);
		TreeSet<Integer> breaks = new TreeSet<>();
		for (int i = plain.indexOf(LexiconPatterns.CLAUSE); i >= 0; i = plain.indexOf(LexiconPatterns.CLAUSE, i + 1)) {
			breaks.add(i);
		}
		LexiconIndex.Words words = this.index.words(plain);
		if (this.index.any(this.framing, plain, words) && !this.index.any(this.framingExceptions, plain, words)) {
			return;
		}
		boolean past = this.index.any(this.pastCues, plain, words);
		if (past && this.index.any(this.recoveryCues, plain, words)
				&& !this.index.any(this.currentCues, plain, words)) {
			return;
		}
		boolean laughing = this.index.any(this.laughter, plain, words);
		for (int[] clauseBreak : this.index.all(this.clauseBreaks, plain, words)) {
			breaks.add(clauseBreak[0]);
		}
		char[] masked = plain.toCharArray();
		for (int[] idiom : this.index.all(this.idioms, plain, words)) {
			for (int i = idiom[0]; i < idiom[1]; i++) {
				if (masked[i] != LexiconPatterns.CLAUSE) {
					masked[i] = ' ';
				}
			}
		}
		String text = new String(masked);
		for (Rule rule : this.rules) {
			Hit previous = hits.get(rule.id());
			if (previous != null && previous.severity() == rule.severity()) {
				continue;
			}
			if (!this.index.find(rule.patterns(), text, words,
					(start, end) -> accepted(rule, text, breaks, start, end))) {
				continue;
			}
			if (rule.unless() != null && rule.unless().matcher(plain).find()) {
				continue;
			}
			// past framing without recovery caps a rule at MEDIUM; a REVIEW rule stays
			// REVIEW
			Severity severity = (past && rule.severity() == Severity.HIGH) ? Severity.MEDIUM : rule.severity();
			if (laughing && severity == Severity.MEDIUM) {
				continue;
			}
			hits.merge(rule.id(), new Hit(rule.id(), rule.category(), severity),
					(a, b) -> (a.severity().compareTo(b.severity()) <= 0) ? a : b);
		}
	}

	private boolean accepted(Rule rule, String text, TreeSet<Integer> breaks, int start, int end) {
		if (negatedBefore(text, breaks, start) || negatedAfter(text, breaks, end)) {
			return false;
		}
		return !rule.selfOnly() || !aboutSomeoneElse(text, breaks, start, end);
	}

	/**
	 * A match is negated when one of the words before it, in the same clause and after
	 * the last negation scope break ("and", "en": "i was never born and she slaps me"),
	 * is a negation cue ("ik wil mezelf nooit...", "i would never ...").
	 */
	private boolean negatedBefore(String text, TreeSet<Integer> breaks, int start) {
		if (this.negations == null) {
			return false;
		}
		Integer clauseStart = breaks.floor(start);
		String before = text.substring((clauseStart != null) ? clauseStart : 0, start);
		if (this.negationScopeBreaks != null) {
			Matcher scopeBreak = this.negationScopeBreaks.matcher(before);
			int scopeStart = -1;
			while (scopeBreak.find()) {
				scopeStart = scopeBreak.end();
			}
			if (scopeStart >= 0) {
				before = before.substring(scopeStart);
			}
		}
		return this.negations.matcher(lastWords(before, this.negationWindow)).find();
	}

	/**
	 * Dutch puts the negation after the verb and object ("ze slaat mij nooit", "ik snij
	 * mezelf niet"): a match is also negated when a post-negation cue follows within the
	 * same clause.
	 */
	private boolean negatedAfter(String text, TreeSet<Integer> breaks, int end) {
		if (this.postNegationWindow == 0 || this.postNegations == null) {
			return false;
		}
		Integer clauseEnd = breaks.ceiling(end);
		String after = text.substring(end, (clauseEnd != null) ? clauseEnd : text.length()).strip();
		String[] words = after.isEmpty() ? new String[0] : SPACES.split(after);
		String window = String.join(" ", Arrays.copyOfRange(words, 0, Math.min(words.length, this.postNegationWindow)));
		return this.postNegations.matcher(window).find();
	}

	/**
	 * Suicide and self-harm rules are about the writer. A match is about someone else
	 * when it names no first person itself and either names a third person reflexively
	 * ("zichzelf", "herself") or the last person cue before it, in the same clause, is a
	 * third person ("mijn vriendin heeft ... gesneden", "a boy jumped off the bridge").
	 */
	private boolean aboutSomeoneElse(String text, TreeSet<Integer> breaks, int start, int end) {
		if (this.otherCue == null) {
			return false;
		}
		String match = text.substring(start, end);
		if (this.selfCue != null && this.selfCue.matcher(match).find()) {
			return false;
		}
		if (this.otherReflexive != null && this.otherReflexive.matcher(match).find()) {
			return true;
		}
		Integer clauseStart = breaks.floor(start);
		String before = text.substring((clauseStart != null) ? clauseStart : 0, start);
		return lastMatch(this.otherCue, before) > lastMatch(this.selfCue, before);
	}

	private static int lastMatch(@Nullable Pattern pattern, String text) {
		if (pattern == null) {
			return -1;
		}
		int last = -1;
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			last = matcher.start();
		}
		return last;
	}

	private static String lastWords(String text, int count) {
		String trimmed = text.strip();
		if (!trimmed.isEmpty() && trimmed.charAt(0) == LexiconPatterns.CLAUSE) {
			trimmed = trimmed.substring(1).strip();
		}
		String[] words = trimmed.isEmpty() ? new String[0] : SPACES.split(trimmed);
		return String.join(" ", Arrays.copyOfRange(words, Math.max(0, words.length - count), words.length));
	}

	private static List<String> strings(JsonNode json, String field) {
		List<String> values = new ArrayList<>();
		if (json.has(field)) {
			json.get(field).forEach((value) -> values.add(value.asString()));
		}
		return values;
	}

	private static @Nullable Pattern alternatives(LexiconPatterns patterns, List<String> sources) {
		if (sources.isEmpty()) {
			return null;
		}
		return patterns
			.compile(sources.stream().map((source) -> "(?:" + source + ")").collect(Collectors.joining("|")));
	}

	/**
	 * For the anchor analysis a concept entry ending in {@code *} is a prefix.
	 */
	private static Map<String, List<String>> wildcardsAsPrefixes(Map<String, List<String>> concepts) {
		Map<String, List<String>> prefixes = new LinkedHashMap<>();
		concepts.forEach((name, entries) -> prefixes.put(name,
				entries.stream()
					.map((entry) -> entry.endsWith("*") ? entry.substring(0, entry.length() - 1) : entry)
					.toList()));
		return prefixes;
	}

	/**
	 * One rule.
	 *
	 * @param id the rule id, reported in {@link RiskAssessment#matchedRules()}
	 * @param category the category
	 * @param severity the severity when not dampened
	 * @param patterns the id of the rule's pattern in the {@link LexiconIndex}
	 * @param unless a context that cancels the rule anywhere in the message
	 * @param selfOnly whether the rule only counts when it is about the writer
	 */
	record Rule(String id, Category category, Severity severity, int patterns, @Nullable Pattern unless,
			boolean selfOnly) {
	}

	record Hit(String ruleId, Category category, Severity severity) {
	}

}
