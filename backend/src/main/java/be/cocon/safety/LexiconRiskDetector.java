package be.cocon.safety;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link RiskDetector} driven by the Dutch and English lexicons in
 * {@code classpath:safety/}. A message in an unknown language is checked against both.
 */
class LexiconRiskDetector implements RiskDetector {

	private final Map<String, Lexicon> lexicons = new LinkedHashMap<>();

	LexiconRiskDetector() {
		this(List.of(Lexicon.load("nl"), Lexicon.load("en")));
	}

	LexiconRiskDetector(List<Lexicon> lexicons) {
		lexicons.forEach((lexicon) -> this.lexicons.put(lexicon.language(), lexicon));
	}

	@Override
	public RiskAssessment assess(String text, String language, List<Turn> earlier) {
		Lexicon chosen = this.lexicons.get(language);
		List<Lexicon> lexicons = (chosen != null) ? List.of(chosen) : List.copyOf(this.lexicons.values());
		List<Lexicon.Hit> hits = new ArrayList<>();
		for (Lexicon lexicon : lexicons) {
			hits.addAll(lexicon.hits(text).values());
		}
		if (hits.isEmpty()) {
			return RiskAssessment.none();
		}
		Lexicon.Hit top = hits.stream()
			.min(Comparator.comparing(Lexicon.Hit::severity).thenComparing(Lexicon.Hit::category))
			.orElseThrow();
		return new RiskAssessment(top.severity(), top.category(), hits.stream().map(Lexicon.Hit::ruleId).toList(),
				List.of(), List.of());
	}

}
