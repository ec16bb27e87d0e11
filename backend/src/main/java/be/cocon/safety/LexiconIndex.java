package be.cocon.safety;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Matches many lists of patterns against one message without scanning the message once
 * per pattern. Each list (the rules, the idioms, the framing cues, ...) is split into the
 * branches that can only start at known word prefixes ({@link LexiconAnchors}) and the
 * rest. One pass over the words of the message finds, for every word, the lists with a
 * branch that can start there; anchored branches are then only tried at those words, the
 * rest with an ordinary scan.
 */
final class LexiconIndex {

	private final List<Scanner> scanners = new ArrayList<>();

	private final Node prefixes = new Node();

	private final LexiconPatterns patterns;

	private final LexiconAnchors anchors;

	LexiconIndex(LexiconPatterns patterns, LexiconAnchors anchors) {
		this.patterns = patterns;
		this.anchors = anchors;
	}

	/**
	 * Add a list of patterns, matched as one.
	 * @param sources patterns in lexicon syntax
	 * @return the id of the list
	 */
	int add(List<String> sources) {
		int id = this.scanners.size();
		if (id >= Long.SIZE) {
			throw new IllegalStateException("At most " + Long.SIZE + " pattern lists per lexicon");
		}
		List<String> anchored = new ArrayList<>();
		List<String> free = new ArrayList<>();
		for (String source : sources) {
			for (String branch : LexiconAnchors.branches(source)) {
				Set<String> starts = this.anchors.prefixes(branch);
				if (starts == null) {
					free.add(branch);
					continue;
				}
				anchored.add(branch);
				for (String prefix : starts) {
					this.prefixes.add(prefix, 1L << id);
				}
			}
		}
		this.scanners.add(new Scanner(compile(anchored), compile(free)));
		return id;
	}

	private @Nullable Pattern compile(List<String> branches) {
		if (branches.isEmpty()) {
			return null;
		}
		return this.patterns.compile("(?:" + String.join(")|(?:", branches) + ")");
	}

	/**
	 * The words of a text with, for each, the lists that may match there.
	 * @param text the normalised text
	 * @return the words
	 */
	Words words(String text) {
		int length = text.length();
		int[] starts = new int[length / 2 + 1];
		long[] masks = new long[starts.length];
		int count = 0;
		for (int i = 0; i < length; i++) {
			if (!isWordChar(text.charAt(i)) || (i > 0 && isWordChar(text.charAt(i - 1)))) {
				continue;
			}
			int end = i;
			while (end < length && isWordChar(text.charAt(end))) {
				end++;
			}
			long mask = 0;
			Node node = this.prefixes;
			for (int j = i; j < end && node != null; j++) {
				node = node.next(text.charAt(j));
				if (node != null) {
					mask |= node.mask;
				}
			}
			if (mask != 0) {
				starts[count] = i;
				masks[count] = mask;
				count++;
			}
			i = end;
		}
		return new Words(starts, masks, count);
	}

	/**
	 * Whether the list has a match in the text.
	 * @param id the list
	 * @param text the text
	 * @param words the words of the text
	 * @return whether any pattern of the list matches
	 */
	boolean any(int id, String text, Words words) {
		return find(id, text, words, (start, end) -> true);
	}

	/**
	 * Whether the list has a match that the test accepts. Matches are offered anchored
	 * branches first, in text order.
	 * @param id the list
	 * @param text the text
	 * @param words the words of the text
	 * @param test decides on a match
	 * @return whether a match was accepted
	 */
	boolean find(int id, String text, Words words, MatchTest test) {
		Scanner scanner = this.scanners.get(id);
		long bit = 1L << id;
		if (scanner.anchored() != null) {
			Matcher matcher = scanner.anchored().matcher(text);
			matcher.useTransparentBounds(true).useAnchoringBounds(false);
			for (int i = 0; i < words.count(); i++) {
				if ((words.masks()[i] & bit) == 0 || !isWordChar(text.charAt(words.starts()[i]))) {
					continue;
				}
				matcher.region(words.starts()[i], text.length());
				if (matcher.lookingAt() && test.accept(matcher.start(), matcher.end())) {
					return true;
				}
			}
		}
		if (scanner.free() != null) {
			Matcher matcher = scanner.free().matcher(text);
			while (matcher.find()) {
				if (test.accept(matcher.start(), matcher.end())) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Every match of the list.
	 * @param id the list
	 * @param text the text
	 * @param words the words of the text
	 * @return start and end of each match
	 */
	List<int[]> all(int id, String text, Words words) {
		List<int[]> matches = new ArrayList<>();
		find(id, text, words, (start, end) -> {
			matches.add(new int[] { start, end });
			return false;
		});
		return matches;
	}

	private static boolean isWordChar(char c) {
		return Character.isLetterOrDigit(c) || c == '\'';
	}

	/**
	 * Decides on one match.
	 */
	@FunctionalInterface
	interface MatchTest {

		boolean accept(int start, int end);

	}

	/**
	 * The word starts of a text that some list may match at.
	 *
	 * @param starts the positions
	 * @param masks for each position, the bit mask of the lists
	 * @param count how many positions are filled
	 */
	record Words(int[] starts, long[] masks, int count) {
	}

	private record Scanner(@Nullable Pattern anchored, @Nullable Pattern free) {
	}

	/**
	 * A trie of word prefixes; each node holds the lists whose prefix ends there.
	 */
	private static final class Node {

		private final Map<Character, Node> children = new HashMap<>();

		private long mask;

		void add(String prefix, long bit) {
			Node node = this;
			for (int i = 0; i < prefix.length(); i++) {
				node = node.children.computeIfAbsent(prefix.charAt(i), (c) -> new Node());
			}
			node.mask |= bit;
		}

		@Nullable Node next(char c) {
			return this.children.get(c);
		}

	}

}
