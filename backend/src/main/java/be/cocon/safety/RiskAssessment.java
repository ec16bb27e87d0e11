package be.cocon.safety;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link RiskDetector#assess}: whether the message is risky, the most
 * urgent category and severity, and the ids of every rule that matched.
 *
 * @param risky whether any risk rule survived negation, idiom and framing checks
 * @param category the category of the most severe match, {@code null} when not risky
 * @param severity the highest severity matched, {@code null} when not risky
 * @param matchedRules the ids of the rules that matched, in lexicon order
 */
public record RiskAssessment(boolean risky, @Nullable Category category, @Nullable Severity severity,
		List<String> matchedRules) {

	public RiskAssessment {
		matchedRules = List.copyOf(matchedRules);
	}

	/**
	 * A message that signals no risk.
	 * @return the assessment
	 */
	public static RiskAssessment none() {
		return new RiskAssessment(false, null, null, List.of());
	}

}
