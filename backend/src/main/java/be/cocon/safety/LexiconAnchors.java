package be.cocon.safety;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Works out, for a pattern in lexicon syntax, with which word prefixes a match can start
 * ("@zelf ~3 @snij" can only start at "mezelf", "me" or "mij"). The detector then tries a
 * rule only at the words of a message that start with one of those prefixes instead of at
 * every position, which keeps an assessment fast however many rules there are.
 * <p>
 * The analysis is conservative: when the start of a branch is not a plain word, a group
 * of plain alternatives or a concept of such, the branch has no anchor and is matched
 * everywhere.
 */
final class LexiconAnchors {

	private final Map<String, List<String>> concepts;

	LexiconAnchors(Map<String, List<String>> concepts) {
		this.concepts = concepts;
	}

	/**
	 * Split a pattern into its top-level alternatives.
	 * @param pattern a pattern in lexicon syntax
	 * @return the branches, in order
	 */
	static List<String> branches(String pattern) {
		List<String> branches = new ArrayList<>();
		int depth = 0;
		boolean inClass = false;
		int start = 0;
		for (int i = 0; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (inClass) {
				inClass = c != ']';
			}
			else if (c == '[') {
				inClass = true;
			}
			else if (c == '(') {
				depth++;
			}
			else if (c == ')') {
				depth--;
			}
			else if (c == '|' && depth == 0) {
				branches.add(pattern.substring(start, i));
				start = i + 1;
			}
		}
		branches.add(pattern.substring(start));
		return branches;
	}

	/**
	 * The prefixes a match of the pattern can start with.
	 * @param pattern a pattern in lexicon syntax
	 * @return the prefixes, or {@code null} when a match can start anywhere
	 */
	@Nullable Set<String> prefixes(String pattern) {
		Set<String> prefixes = new LinkedHashSet<>();
		for (String branch : branches(pattern)) {
			Set<String> start = startOf(branch);
			if (start == null) {
				return null;
			}
			prefixes.addAll(start);
		}
		return prefixes;
	}

	private @Nullable Set<String> startOf(String branch) {
		if (branch.isEmpty()) {
			return null;
		}
		char first = branch.charAt(0);
		if (first == '@') {
			int end = 1;
			while (end < branch.length() && isNameChar(branch.charAt(end))) {
				end++;
			}
			List<String> entries = this.concepts.get(branch.substring(1, end));
			if (entries == null || optional(branch, end)) {
				return null;
			}
			Set<String> prefixes = new LinkedHashSet<>();
			for (String entry : entries) {
				Set<String> start = prefixes(entry);
				if (start == null) {
					return null;
				}
				prefixes.addAll(start);
			}
			return prefixes;
		}
		if (branch.startsWith("(?:")) {
			int close = closingParenthesis(branch);
			if (close < 0 || optional(branch, close + 1)) {
				return null;
			}
			return prefixes(branch.substring(3, close));
		}
		if (Character.isLetterOrDigit(first) || first == '\'') {
			int end = 0;
			while (end < branch.length()
					&& (Character.isLetterOrDigit(branch.charAt(end)) || branch.charAt(end) == '\'')) {
				end++;
			}
			if (optional(branch, end) || (end < branch.length() && branch.charAt(end) == '{')) {
				end--;
			}
			return (end > 0) ? Set.of(branch.substring(0, end)) : null;
		}
		return null;
	}

	private static boolean optional(String branch, int index) {
		return index < branch.length() && (branch.charAt(index) == '?' || branch.charAt(index) == '*');
	}

	private static boolean isNameChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
	}

	private static int closingParenthesis(String text) {
		int depth = 0;
		boolean inClass = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (inClass) {
				inClass = c != ']';
			}
			else if (c == '[') {
				inClass = true;
			}
			else if (c == '(') {
				depth++;
			}
			else if (c == ')' && --depth == 0) {
				return i;
			}
		}
		return -1;
	}

}
