package be.cocon.safety;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Compiles the pattern language of the lexicons into Java regular expressions over
 * normalised text.
 * <ul>
 * <li>a space matches any run of whitespace (clause punctuation included), {@code " ?"}
 * optional whitespace;</li>
 * <li>{@code _} is one word;</li>
 * <li>{@code " ~ "} is up to two filler words and {@code " ~N "} up to N (1-9), within
 * one clause and never a negation word, so "ik wil ~ dood" matches "ik wil echt dood" but
 * not "ik wil niet dood" or "ik wil, dood";</li>
 * <li>{@code " %N "} is up to N (1-99) words of any kind, across clause punctuation;</li>
 * <li>{@code #} is the end of a clause (punctuation or end of message);</li>
 * <li>{@code @name} is a concept: any entry of the named word list, where an entry may
 * start or end with {@code *} (any letters: {@code "snij*"}).</li>
 * </ul>
 * Every pattern is anchored on word boundaries.
 */
final class LexiconPatterns {

	/** Clause punctuation is replaced by this character in the text that is matched. */
	static final char CLAUSE = '\u0003';

	private static final String SPACE = "[\\s\\u0003]";

	private static final Pattern CONCEPT = Pattern.compile("@([a-z][a-z0-9_]*)");

	private static final Pattern GAP = Pattern.compile(" ~([1-9])? ");

	private static final Pattern ANY_GAP = Pattern.compile(" %([1-9][0-9]?) ");

	private static final Pattern WORD = Pattern.compile("[a-z][a-z']{3,}");

	private final Map<String, String> concepts = new LinkedHashMap<>();

	private final String negationLookahead;

	private final Set<String> vocabulary = new TreeSet<>();

	/**
	 * Create the compiler.
	 * @param concepts named word lists, in order; an entry may use earlier concepts
	 * @param negationWords the negation cues; single words may not be gap fillers
	 */
	LexiconPatterns(Map<String, List<String>> concepts, List<String> negationWords) {
		this.negationLookahead = negationWords.stream()
			.filter((word) -> !word.contains(" "))
			.map(Pattern::quote)
			.collect(Collectors.joining("|"));
		concepts.forEach((name, entries) -> {
			List<String> alternatives = new ArrayList<>();
			for (String entry : entries) {
				String regex = expand(entry);
				if (regex.startsWith("*")) {
					regex = "[\\w']*" + regex.substring(1);
				}
				if (regex.endsWith("*")) {
					regex = regex.substring(0, regex.length() - 1) + "[\\w']*";
				}
				alternatives.add(regex);
			}
			this.concepts.put(name, "(?:" + String.join("|", alternatives) + ")");
		});
	}

	/**
	 * Replace concept references by their alternatives.
	 * @param pattern a lexicon pattern
	 * @return the pattern without {@code @name}
	 */
	String expand(String pattern) {
		Matcher matcher = CONCEPT.matcher(pattern);
		StringBuilder expanded = new StringBuilder();
		while (matcher.find()) {
			String concept = this.concepts.get(matcher.group(1));
			if (concept == null) {
				throw new IllegalArgumentException("Unknown concept @" + matcher.group(1) + " in " + pattern);
			}
			matcher.appendReplacement(expanded, Matcher.quoteReplacement(concept));
		}
		matcher.appendTail(expanded);
		String result = expanded.toString();
		collectVocabulary(result);
		return result;
	}

	/**
	 * Compile a lexicon pattern.
	 * @param pattern the pattern in lexicon syntax
	 * @return the compiled regular expression
	 */
	Pattern compile(String pattern) {
		String regex = expand(pattern);
		regex = GAP.matcher(regex).replaceAll((match) -> "\u0001" + ((match.group(1) != null) ? match.group(1) : "2"));
		regex = ANY_GAP.matcher(regex).replaceAll((match) -> "\u0004" + match.group(1));
		if (regex.indexOf('~') >= 0 || regex.indexOf('%') >= 0) {
			throw new IllegalArgumentException("A gap (~ or %) needs a space on both sides in " + pattern);
		}
		regex = regex.replace(" ?", "\u0002").replace("#", "\u0005").replace(" ", SPACE + "+").replace("_", "[\\w']+");
		regex = Pattern.compile("\u0001([1-9])")
			.matcher(regex)
			.replaceAll((match) -> Matcher.quoteReplacement(filler(Integer.parseInt(match.group(1)))));
		regex = Pattern.compile("\u0004([1-9][0-9]?)")
			.matcher(regex)
			.replaceAll((match) -> Matcher
				.quoteReplacement(SPACE + "+(?:[\\w']+" + SPACE + "+){0," + match.group(1) + "}"));
		regex = regex.replace("\u0002", SPACE + "*").replace("\u0005", "(?=[ \\t]*(?:\\u0003|$))");
		return Pattern.compile("\\b(?:" + regex + ")\\b");
	}

	private String filler(int words) {
		String word = this.negationLookahead.isEmpty() ? "[\\w']+"
				: "(?:(?!(?:" + this.negationLookahead + ")\\b)[\\w']+)";
		return "[ \\t]+(?:" + word + "[ \\t]+){0," + words + "}";
	}

	private void collectVocabulary(String regex) {
		Matcher matcher = WORD.matcher(regex.replace("\\w", " ").replace("\\s", " ").replace("\\b", " "));
		while (matcher.find()) {
			this.vocabulary.add(matcher.group());
		}
	}

	/**
	 * The words the compiled patterns use literally, for word-ending restoration.
	 * @return the words of four letters or more
	 */
	Set<String> vocabulary() {
		return this.vocabulary;
	}

}
