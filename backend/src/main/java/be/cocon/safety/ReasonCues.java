package be.cocon.safety;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Says what a flagged message contains (a method, a time, a place, a farewell...) and
 * where, so a moderator reads "plan + timing" with the words marked instead of a rule id.
 * The cues are data ({@code classpath:safety/reasons.json}); they explain a finding and
 * never make one.
 */
final class ReasonCues {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private final Map<String, Pattern> cues;

	private ReasonCues(Map<String, Pattern> cues) {
		this.cues = cues;
	}

	static ReasonCues load() {
		String path = "safety/reasons.json";
		try (InputStream in = ReasonCues.class.getClassLoader().getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("Missing " + path);
			}
			Map<String, Pattern> cues = new LinkedHashMap<>();
			JsonNode root = JSON.readTree(in);
			for (Map.Entry<String, JsonNode> entry : root.properties()) {
				if (entry.getKey().startsWith("_")) {
					continue;
				}
				List<String> alternatives = new ArrayList<>();
				entry.getValue().forEach((value) -> alternatives.add("(?:" + value.asString() + ")"));
				cues.put(entry.getKey(), Pattern
					.compile("(?<![\\p{L}\\p{N}])(?:" + String.join("|", alternatives) + ")(?![\\p{L}\\p{N}])"));
			}
			return new ReasonCues(cues);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + path, ex);
		}
	}

	/**
	 * The reasons found in a text and the stretches that carry them.
	 * @param text the message as written
	 * @return reasons in the file's order and highlights in text order, in offsets of
	 * {@code text}
	 */
	Found find(String text) {
		Folded folded = Folded.of(text);
		List<String> reasons = new ArrayList<>();
		List<RiskAssessment.Highlight> highlights = new ArrayList<>();
		this.cues.forEach((reason, pattern) -> {
			Matcher matcher = pattern.matcher(folded.text());
			boolean found = false;
			while (matcher.find()) {
				if (matcher.end() > matcher.start()) {
					found = true;
					highlights.add(folded.original(matcher.start(), matcher.end()));
				}
			}
			if (found) {
				reasons.add(reason);
			}
		});
		return new Found(reasons, merge(highlights));
	}

	/** Sorted, with overlapping or touching stretches joined. */
	static List<RiskAssessment.Highlight> merge(List<RiskAssessment.Highlight> highlights) {
		List<RiskAssessment.Highlight> sorted = new ArrayList<>(highlights);
		sorted.sort((a, b) -> (a.start() != b.start()) ? Integer.compare(a.start(), b.start())
				: Integer.compare(a.end(), b.end()));
		List<RiskAssessment.Highlight> merged = new ArrayList<>();
		for (RiskAssessment.Highlight highlight : sorted) {
			RiskAssessment.Highlight last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
			if (last != null && highlight.start() <= last.end()) {
				merged.set(merged.size() - 1,
						new RiskAssessment.Highlight(last.start(), Math.max(last.end(), highlight.end())));
			}
			else {
				merged.add(highlight);
			}
		}
		return merged;
	}

	/**
	 * What {@link #find} found.
	 *
	 * @param reasons reason codes
	 * @param highlights stretches of the original text
	 */
	record Found(List<String> reasons, List<RiskAssessment.Highlight> highlights) {
	}

	/**
	 * A text in lower case without diacritics, with the offset in the original text of
	 * every folded character, so a match can be marked in what the client wrote.
	 */
	record Folded(String text, int[] origin, int length) {

		static Folded of(String original) {
			StringBuilder folded = new StringBuilder(original.length());
			int[] origin = new int[original.length() * 2 + 1];
			int i = 0;
			while (i < original.length()) {
				int codePoint = original.codePointAt(i);
				int width = Character.charCount(codePoint);
				String piece = MARKS
					.matcher(Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFD))
					.replaceAll("")
					.toLowerCase(Locale.ROOT);
				for (int k = 0; k < piece.length(); k++) {
					if (folded.length() + 1 >= origin.length) {
						origin = java.util.Arrays.copyOf(origin, origin.length * 2);
					}
					origin[folded.length()] = i;
					folded.append(piece.charAt(k));
				}
				i += width;
			}
			origin[folded.length()] = original.length();
			return new Folded(folded.toString(), origin, original.length());
		}

		/** The original stretch covering folded characters {@code [start, end)}. */
		RiskAssessment.Highlight original(int start, int end) {
			int from = this.origin[start];
			int to = (end < this.text.length()) ? this.origin[end] : this.length;
			return new RiskAssessment.Highlight(from, Math.max(from + 1, to));
		}

	}

}
