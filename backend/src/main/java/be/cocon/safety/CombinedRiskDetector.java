package be.cocon.safety;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The risk detector: the lexicon rules (which read phrasing: negation, framing, subject,
 * idioms) weighed against a learned model of the whole message, and the message read
 * together with the few before it. See {@code docs/safety.md} for the decision table and
 * its measured figures.
 */
@Component
class CombinedRiskDetector implements RiskDetector {

	private final LexiconRiskDetector rules;

	private final RiskModel model;

	private final Policy policy;

	private final ReasonCues cues;

	CombinedRiskDetector() {
		this(Shared.RULES, Shared.MODEL, Policy.DEFAULT);
	}

	CombinedRiskDetector(LexiconRiskDetector rules, RiskModel model, Policy policy) {
		this.rules = rules;
		this.model = model;
		this.policy = policy;
		this.cues = Shared.CUES;
	}

	@Override
	public RiskAssessment assess(String text, String language, List<Turn> earlier) {
		RiskAssessment alone = assessOne(text, language);
		List<Turn> recent = earlier.subList(Math.max(0, earlier.size() - this.policy.contextTurns()), earlier.size());
		if (recent.isEmpty() || alone.severity() == Severity.HIGH) {
			return alone;
		}
		String before = String.join(". ", recent.stream().map(Turn::text).toList()) + ". ";
		RiskAssessment together = assessOne(before + text, language);
		if (rank(together) <= rank(alone)) {
			return alone;
		}
		// the earlier messages add what this one lacks: mark only what is in this one
		int offset = before.length();
		List<String> reasons = new ArrayList<>(together.reasons());
		reasons.remove(RiskAssessment.Reason.UNCERTAIN);
		reasons.add(RiskAssessment.Reason.CONTEXT);
		if (together.severity() == Severity.REVIEW) {
			reasons.add(RiskAssessment.Reason.UNCERTAIN);
		}
		List<RiskAssessment.Highlight> highlights = together.highlights()
			.stream()
			.filter((highlight) -> highlight.start() >= offset)
			.map((highlight) -> new RiskAssessment.Highlight(highlight.start() - offset, highlight.end() - offset))
			.toList();
		return new RiskAssessment(together.severity(), together.category(), together.matchedRules(),
				reasons.stream().distinct().toList(), highlights);
	}

	/** One text on its own: rules and model. */
	RiskAssessment assessOne(String text, String language) {
		// young people mix Dutch and English: both languages' rules read every message,
		// so the client's language need not be known (nor read from the store) first
		RiskAssessment byRules = this.rules.assess(text, ANY_LANGUAGE);
		RiskModel.Scores scores = this.model.score(text);
		ReasonCues.Found found = this.cues.find(text);
		Severity severity = this.policy.severity(byRules.severity(), scores.riskTotal(),
				found.reasons().stream().anyMatch((reason) -> !RiskAssessment.Reason.TIMING.equals(reason)),
				words(text));
		if (severity == null) {
			return RiskAssessment.none();
		}
		boolean rulesDecide = byRules.severity() == Severity.HIGH || byRules.severity() == Severity.MEDIUM;
		Category category = (rulesDecide && byRules.category() != null) ? byRules.category() : scores.topCategory();
		List<String> matched = new ArrayList<>(byRules.matchedRules());
		matched.add("model");
		List<String> reasons = new ArrayList<>(found.reasons());
		if (severity == Severity.REVIEW) {
			reasons.add(RiskAssessment.Reason.UNCERTAIN);
		}
		return new RiskAssessment(severity, category, matched, reasons, found.highlights());
	}

	static final int MIN_WORDS = 3;

	private static int words(String text) {
		int count = 0;
		boolean inWord = false;
		for (int i = 0; i < text.length(); i++) {
			boolean letter = Character.isLetterOrDigit(text.charAt(i));
			if (letter && !inWord) {
				count++;
			}
			inWord = letter;
		}
		return count;
	}

	/** 0 for no risk, then REVIEW, MEDIUM, HIGH. */
	static int rank(RiskAssessment assessment) {
		if (assessment.severity() == null) {
			return 0;
		}
		return Severity.values().length - assessment.severity().ordinal();
	}

	/**
	 * How rules and model decide together. The model's probability that a text is risky
	 * at all ({@code risk}) is weighed against what the rules found.
	 *
	 * @param high a HIGH rule stays HIGH only when the model agrees this strongly
	 * @param ruleCard a HIGH or MEDIUM rule shows the card (MEDIUM) when the model's risk
	 * is at least this; below it, the rule only asks for a review
	 * @param modelCard the model alone (or with a REVIEW rule) shows the card at this
	 * risk
	 * @param modelReview the model alone asks for a review at this risk when the text has
	 * a reason cue (a method, a time, a place...)
	 * @param modelReviewBare the model alone asks for a review at this risk without any
	 * cue (most everyday messages have none)
	 * @param contextTurns how many earlier messages are read with a message
	 */
	record Policy(double high, double ruleCard, double modelCard, double modelReview, double modelReviewBare,
			int contextTurns) {

		static final Policy DEFAULT = new Policy(0.9, 0.65, 0.92, 0.06, 0.08, 3);

		@Nullable Severity severity(@Nullable Severity byRules, double risk, boolean cue, int words) {
			if (byRules == Severity.REVIEW) {
				// a deliberately ambiguous phrase: a person looks, the client is not
				// alarmed
				return Severity.REVIEW;
			}
			if (byRules == Severity.HIGH && risk >= this.high) {
				return Severity.HIGH;
			}
			if ((byRules == Severity.HIGH || byRules == Severity.MEDIUM) && risk >= this.ruleCard) {
				return Severity.MEDIUM;
			}
			if (risk >= this.modelCard) {
				return Severity.MEDIUM;
			}
			// "ja", "ok", "7": too short to say anything on its own (with the messages
			// before it, the same answer is read in context)
			boolean bare = !cue && words < MIN_WORDS;
			if (byRules != null || (!bare && risk >= (cue ? this.modelReview : this.modelReviewBare))) {
				return Severity.REVIEW;
			}
			return null;
		}

	}

	/**
	 * Rules, cues and model are loaded and trained once per class loader, so every
	 * application context of a test run shares them.
	 */
	private static final class Shared {

		static final LexiconRiskDetector RULES = new LexiconRiskDetector();

		static final ReasonCues CUES = ReasonCues.load();

		static final RiskModel MODEL = RiskModel.trainOnCorpus(List.of(Lexicon.load("nl"), Lexicon.load("en")));

	}

}
