package be.cocon.safety;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LexiconNormaliserTests {

	private final LexiconNormaliser normaliser = new LexiconNormaliser(Map.of("😂", "haha"),
			Map.of('0', 'o', '1', 'i', '3', 'e', '@', 'a'),
			Map.of("ni", "niet", "k", "ik", "as", "als", "2", "to", "b4", "before", "do not", "don't"),
			List.of(new LexiconNormaliser.Restoration("e", "n", 4)), Set.of("leven", "zitten"));

	@Test
	void spellingReplacesWholeWordsOnly() {
		assertThat(this.normaliser.readings("k wil ni meer")).containsExactly("ik wil niet meer");
		assertThat(this.normaliser.readings("kat niets")).containsExactly("kat niets");
		assertThat(this.normaliser.readings("I do not know")).containsExactly("i don't know");
	}

	@Test
	void leetspeakIsDecodedOnlyInsideWords() {
		assertThat(this.normaliser.readings("d00d")).containsExactly("dood");
		assertThat(this.normaliser.readings("d13")).containsExactly("die");
		assertThat(this.normaliser.readings("2 dagen 13 jaar")).containsExactly("to dagen 13 jaar");
		assertThat(this.normaliser.readings("b4")).containsExactly("before");
	}

	@Test
	void aDroppedEndingIsRestoredWhenTheRulesKnowTheWord() {
		assertThat(this.normaliser.readings("leve")).containsExactly("leven");
		assertThat(this.normaliser.readings("zitte")).containsExactly("zitten");
		assertThat(this.normaliser.readings("bende")).containsExactly("bende");
		assertThat(this.normaliser.readings("ze")).containsExactly("ze");
	}

	@Test
	void symbolsBecomeWordsAndQuotesAreStripped() {
		assertThat(this.normaliser.readings("lol😂").get(0)).contains("haha");
		assertThat(this.normaliser.readings("'leve'").get(0).strip()).isEqualTo("leven");
	}

	@Test
	void elongationGivesTwoReadings() {
		assertThat(this.normaliser.readings("neeeee")).containsExactly("nee", "ne");
		assertThat(LexiconNormaliser.elongationVariants("dood")).containsExactly("dood");
	}

}
