package be.cocon.safety;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a message as written into the readings the rules are matched against: lower case,
 * no diacritics, symbols (emoji) replaced by words, elongation collapsed, leetspeak
 * decoded, chat and dialect spelling replaced word by word, and a dropped word ending
 * restored ("leve" becomes "leven" when "leven" is a word the rules use).
 * <p>
 * All tables come from the lexicon; this class only applies them.
 */
final class LexiconNormaliser {

	private static final Pattern ELONGATION = Pattern.compile("(\\p{L})\\1{2,}");

	private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");

	private final Map<String, String> symbols;

	private final char[] leet = new char[128];

	private final Map<String, String> words = new HashMap<>();

	private final Map<Pattern, String> phrases = new LinkedHashMap<>();

	private final List<Restoration> restorations;

	private final Set<String> vocabulary;

	/**
	 * Create a normaliser.
	 * @param symbols literal replacements applied anywhere (emoji to words)
	 * @param leet character replacements applied inside words that mix letters and these
	 * characters ("d1e", "k1ll")
	 * @param spelling whole-word replacements; a key with a space is a phrase
	 * @param restorations word endings to complete when the completed word is in the
	 * vocabulary
	 * @param vocabulary the words the rules use
	 */
	LexiconNormaliser(Map<String, String> symbols, Map<Character, Character> leet, Map<String, String> spelling,
			List<Restoration> restorations, Set<String> vocabulary) {
		this.symbols = Map.copyOf(symbols);
		leet.forEach((from, to) -> {
			if (from >= this.leet.length) {
				throw new IllegalArgumentException("Leetspeak characters must be ASCII: " + from);
			}
			this.leet[from] = to;
		});
		spelling.forEach((key, value) -> {
			if (key.contains(" ")) {
				this.phrases.put(Pattern.compile("(?<![\\w'])" + Pattern.quote(key) + "(?![\\w'])"), value);
			}
			else {
				this.words.put(key, value);
			}
		});
		this.restorations = List.copyOf(restorations);
		this.vocabulary = Set.copyOf(vocabulary);
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
		if (!elongated(folded)) {
			return List.of(folded);
		}
		return List.of(ELONGATION.matcher(folded).replaceAll("$1$1"), ELONGATION.matcher(folded).replaceAll("$1"));
	}

	private static boolean elongated(String text) {
		for (int i = 2; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == text.charAt(i - 1) && c == text.charAt(i - 2) && Character.isLetter(c)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The readings of a message, each fully normalised.
	 * @param text the message as written
	 * @return one or two readings
	 */
	List<String> readings(String text) {
		String folded = fold(text);
		for (Map.Entry<String, String> symbol : this.symbols.entrySet()) {
			if (folded.contains(symbol.getKey())) {
				folded = folded.replace(symbol.getKey(), " " + symbol.getValue() + " ");
			}
		}
		List<String> readings = new ArrayList<>(2);
		for (String variant : elongationVariants(folded)) {
			readings.add(normalise(variant));
		}
		return readings;
	}

	/**
	 * Word by word: leetspeak, spelling, restoration; then phrase spelling.
	 * @param folded folded text
	 * @return the normalised text
	 */
	String normalise(String folded) {
		StringBuilder out = new StringBuilder(folded.length() + 16);
		int i = 0;
		int length = folded.length();
		while (i < length) {
			char c = folded.charAt(i);
			if (!isWordChar(c)) {
				out.append(c);
				i++;
				continue;
			}
			int start = i;
			while (i < length && isWordChar(folded.charAt(i))) {
				i++;
			}
			out.append(word(folded.substring(start, i)));
		}
		String text = out.toString();
		for (Map.Entry<Pattern, String> phrase : this.phrases.entrySet()) {
			Matcher matcher = phrase.getKey().matcher(text);
			if (matcher.find()) {
				text = matcher.replaceAll(Matcher.quoteReplacement(phrase.getValue()));
			}
		}
		return text;
	}

	private boolean isWordChar(char c) {
		return Character.isLetterOrDigit(c) || c == '\'' || isLeet(c);
	}

	private boolean isLeet(char c) {
		return c < this.leet.length && this.leet[c] != 0;
	}

	private String word(String token) {
		String spelled = this.words.get(token);
		if (spelled != null) {
			return spelled;
		}
		String word = decodeLeet(token);
		spelled = this.words.get(word);
		if (spelled != null) {
			return spelled;
		}
		String bare = stripQuotes(word);
		if (bare.length() != word.length()) {
			spelled = this.words.get(bare);
			return " " + ((spelled != null) ? spelled : restore(bare)) + " ";
		}
		return restore(word);
	}

	private String decodeLeet(String token) {
		boolean letter = false;
		boolean symbol = false;
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (isLeet(c)) {
				symbol = true;
			}
			else if (Character.isLetter(c)) {
				letter = true;
			}
		}
		if (!letter || !symbol) {
			return token;
		}
		StringBuilder decoded = new StringBuilder(token.length());
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			decoded.append(isLeet(c) ? this.leet[c] : c);
		}
		return decoded.toString();
	}

	private static String stripQuotes(String word) {
		int start = 0;
		int end = word.length();
		while (start < end && word.charAt(start) == '\'') {
			start++;
		}
		while (end > start && word.charAt(end - 1) == '\'') {
			end--;
		}
		return word.substring(start, end);
	}

	private String restore(String word) {
		if (this.vocabulary.contains(word)) {
			return word;
		}
		for (Restoration restoration : this.restorations) {
			if (word.length() >= restoration.minLength() && word.endsWith(restoration.ending())) {
				String restored = word + restoration.append();
				if (this.vocabulary.contains(restored)) {
					return restored;
				}
			}
		}
		return word;
	}

	/**
	 * A dropped word ending: a word of at least {@code minLength} characters ending in
	 * {@code ending} gets {@code append} when that gives a word of the vocabulary
	 * (Flemish "leve", "zitte" for "leven", "zitten"; English "cuttin" for "cutting").
	 *
	 * @param ending the ending as written
	 * @param append what to add
	 * @param minLength the shortest word to consider
	 */
	record Restoration(String ending, String append, int minLength) {
	}

}
