package be.cocon.safety;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LexiconPatternsTests {

	private static final char CLAUSE = LexiconPatterns.CLAUSE;

	private final LexiconPatterns patterns = new LexiconPatterns(concepts(), List.of("niet", "nooit", "per ongeluk"));

	private static Map<String, List<String>> concepts() {
		Map<String, List<String>> concepts = new LinkedHashMap<>();
		concepts.put("zelf", List.of("mezelf", "me"));
		concepts.put("snij", List.of("snij*", "gesneden", "*gekrast"));
		concepts.put("doe", List.of("@zelf ~ pijn"));
		return concepts;
	}

	private boolean matches(String pattern, String text) {
		return this.patterns.compile(pattern).matcher(text).find();
	}

	@Test
	void conceptsExpandWithWildcardsAndNesting() {
		assertThat(matches("@zelf ~3 @snij", "ik heb mezelf weer gesneden")).isTrue();
		assertThat(matches("@zelf ~3 @snij", "ik snijd me")).isFalse();
		assertThat(matches("@snij", "snijden")).isTrue();
		assertThat(matches("@snij", "opengekrast")).isTrue();
		assertThat(matches("@snij", "besnijdenis")).isFalse();
		assertThat(matches("ik doe @doe", "ik doe me echt pijn")).isTrue();
	}

	@Test
	void unknownConceptIsAnError() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.patterns.compile("@onbekend dood"));
	}

	@Test
	void gapSkipsWordsButNoNegationAndNoClauseBoundary() {
		assertThat(matches("wil ~ dood", "wil echt gewoon dood")).isTrue();
		assertThat(matches("wil ~ dood", "wil echt heel gewoon dood")).isFalse();
		assertThat(matches("wil ~3 dood", "wil echt heel gewoon dood")).isTrue();
		assertThat(matches("wil ~ dood", "wil niet dood")).isFalse();
		assertThat(matches("wil ~ dood", "wil nooit dood")).isFalse();
		assertThat(matches("wil ~ dood", "wil" + CLAUSE + " dood")).isFalse();
		assertThat(matches("wil dood", "wil" + CLAUSE + " dood")).isTrue();
	}

	@Test
	void anyGapCrossesNegationsAndClauses() {
		assertThat(matches("dak %6 springen", "dak" + CLAUSE + " ik weet niet of ik ga springen")).isTrue();
		assertThat(matches("dak %3 springen", "dak" + CLAUSE + " ik weet niet of ik ga springen")).isFalse();
		assertThat(matches("dak %12 springen", "dak" + CLAUSE + " ik weet niet of ik ga springen")).isTrue();
	}

	@Test
	void hashIsTheEndOfAClause() {
		assertThat(matches("ik wil niet meer#", "ik wil niet meer")).isTrue();
		assertThat(matches("ik wil niet meer#", "ik wil niet meer" + CLAUSE + " sorry")).isTrue();
		assertThat(matches("ik wil niet meer#", "ik wil niet meer naar school")).isFalse();
	}

	@Test
	void gapWithoutSpacesIsAnError() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.patterns.compile("(?:het )?~ merken"));
	}

	@Test
	void patternsAreAnchoredOnWords() {
		Pattern pattern = this.patterns.compile("dood");
		assertThat(pattern.matcher("doodgewoon").find()).isFalse();
		assertThat(pattern.matcher("ik wil dood").find()).isTrue();
	}

	@Test
	void vocabularyHoldsTheLiteralWords() {
		this.patterns.compile("wil ~ niet meer leven");
		assertThat(this.patterns.vocabulary()).contains("leven", "mezelf", "gesneden");
	}

}
