package be.cocon.safety;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link RiskDetector#assess}: how urgent the message is, the most urgent
 * category, why, and which words carried it.
 *
 * @param severity {@link Severity#HIGH} or {@link Severity#MEDIUM} (crisis card and
 * escalation), {@link Severity#REVIEW} (no card; a quiet item for a moderator), or
 * {@code null} when the message signals no risk
 * @param category the category of the most severe finding, {@code null} when none
 * @param matchedRules the ids of the rules (and model) that contributed, in order
 * @param reasons what the detector read, as stable codes ({@link Reason}): e.g.
 * {@code plan} and {@code timing}
 * @param highlights the stretches of the original text that carried the finding
 */
public record RiskAssessment(@Nullable Severity severity, @Nullable Category category, List<String> matchedRules,
		List<String> reasons, List<Highlight> highlights) {

	public RiskAssessment {
		matchedRules = List.copyOf(matchedRules);
		reasons = List.copyOf(reasons);
		highlights = List.copyOf(highlights);
	}

	/**
	 * A message that signals no risk.
	 * @return the assessment
	 */
	public static RiskAssessment none() {
		return new RiskAssessment(null, null, List.of(), List.of(), List.of());
	}

	/**
	 * Whether the client is shown the crisis card and an escalation opens (HIGH or
	 * MEDIUM).
	 */
	public boolean risky() {
		return this.severity == Severity.HIGH || this.severity == Severity.MEDIUM;
	}

	/** Whether a person should look at it at all (HIGH, MEDIUM or REVIEW). */
	public boolean flagged() {
		return this.severity != null;
	}

	/**
	 * A stretch {@code [start, end)} of the original text, in UTF-16 offsets.
	 *
	 * @param start the first character
	 * @param end one past the last character
	 */
	public record Highlight(int start, int end) {
	}

	/** The reason codes a detector may give; the browser translates them. */
	public static final class Reason {

		public static final String INTENT = "intent";

		public static final String METHOD = "method";

		public static final String PLAN = "plan";

		public static final String TIMING = "timing";

		public static final String PLACE = "place";

		public static final String FAREWELL = "farewell";

		public static final String BURDEN = "burden";

		public static final String HOPELESSNESS = "hopelessness";

		public static final String PASSIVE_WISH = "passive-wish";

		public static final String SELF_HARM = "self-harm";

		public static final String ABUSE = "abuse";

		public static final String SEXUAL_ABUSE = "sexual-abuse";

		public static final String THREAT_TO_OTHERS = "threat-to-others";

		public static final String WEAPON = "weapon";

		public static final String THREATENED = "threatened";

		public static final String CONTEXT = "context";

		public static final String UNCERTAIN = "uncertain";

		private Reason() {
		}

	}

}
