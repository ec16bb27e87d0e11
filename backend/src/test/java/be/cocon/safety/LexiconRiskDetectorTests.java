package be.cocon.safety;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LexiconRiskDetectorTests {

	private final RiskDetector detector = new LexiconRiskDetector();

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			nl | ik wil mezelf geen pijn doen
			nl | ik zou nooit zelfmoord plegen
			nl | ik denk niet aan zelfmoord hoor
			en | i would never kill myself
			en | i don't want to hurt myself
			en | i'm not suicidal, just tired
			""")
	void negationIsNotRisk(String language, String text) {
		assertThat(this.detector.assess(text, language).risky()).as(text).isFalse();
	}

	@Test
	void negationOnlyCountsInTheSameClause() {
		assertThat(this.detector.assess("ik weet het niet, ik wil dood", "nl").risky()).isTrue();
		assertThat(this.detector.assess("i don't know why but i want to die", "en").risky()).isTrue();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			nl | ik ga dood van het lachen
			nl | ik schiet mezelf nog eens in mijn voet
			nl | ik verveel me dood in de les
			en | this homework is killing me
			en | i could kill for a pizza
			en | i'm gonna murder you at fifa tonight
			""")
	void idiomsAndHyperboleAreNotRisk(String language, String text) {
		assertThat(this.detector.assess(text, language).risky()).as(text).isFalse();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			nl | ik wil doooood
			nl | ik wil dood
			nl | 'k wil nie meer leven
			nl | ik zie et nie meer zitten
			nl | Ik denk aan ZELFMOORD
			nl | suïcidale gedachten
			en | i want to dieeee
			en | i wanna diiie
			en | I dont want to live anymore
			""")
	void elongationDiacriticsAndColloquialSpellingAreNormalised(String language, String text) {
		RiskAssessment assessment = this.detector.assess(text, language);
		assertThat(assessment.risky()).as(text).isTrue();
		assertThat(assessment.category()).isEqualTo(Category.SUICIDE);
	}

	@Test
	void foldRemovesDiacriticsAndVariantsCollapseElongation() {
		assertThat(Lexicon.fold("Suïcide één’s")).isEqualTo("suicide een's");
		assertThat(Lexicon.elongationVariants("doooood")).containsExactly("dood", "dod");
		assertThat(Lexicon.elongationVariants("dood")).containsExactly("dood");
	}

	@Test
	void pastFramingWithRecoveryIsNotRisk() {
		assertThat(this.detector.assess("vorig jaar dacht ik aan zelfmoord maar nu gaat het goed", "nl").risky())
			.isFalse();
		assertThat(
				this.detector.assess("last year i thought about suicide but now i'm doing much better", "en").risky())
			.isFalse();
	}

	@Test
	void pastFramingWithoutRecoveryIsAtMostMedium() {
		RiskAssessment assessment = this.detector.assess("vorig jaar heb ik de pillen al verzameld", "nl");
		assertThat(assessment.risky()).isTrue();
		assertThat(assessment.severity()).isEqualTo(Severity.MEDIUM);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			nl | in de film zegt hij: ik wil niet meer leven
			nl | voor Nederlands lezen we een gedicht over zelfmoord
			en | in the movie she says "i want to die"
			en | the song goes i wanna kill myself but it's a joke song
			""")
	void quotesFromFilmsBooksAndSongsAreNotRisk(String language, String text) {
		assertThat(this.detector.assess(text, language).risky()).as(text).isFalse();
	}

	@Test
	void explicitPlanIsHighSuicideRisk() {
		RiskAssessment assessment = this.detector.assess("ik heb de pillen al, vannacht doe ik het", "nl");
		assertThat(assessment.risky()).isTrue();
		assertThat(assessment.category()).isEqualTo(Category.SUICIDE);
		assertThat(assessment.severity()).isEqualTo(Severity.HIGH);
		assertThat(assessment.matchedRules()).contains("nl-middelen");
	}

	@Test
	void indirectWishIsMediumSuicideRisk() {
		RiskAssessment assessment = this.detector.assess("everyone would be better off without me", "en");
		assertThat(assessment.category()).isEqualTo(Category.SUICIDE);
		assertThat(assessment.severity()).isEqualTo(Severity.MEDIUM);
	}

	@Test
	void ongoingAbuseIsHigh() {
		RiskAssessment assessment = this.detector.assess("mijn stiefvader slaat me", "nl");
		assertThat(assessment.category()).isEqualTo(Category.ABUSE);
		assertThat(assessment.severity()).isEqualTo(Severity.HIGH);
	}

	@Test
	void cuttingIsSelfHarm() {
		assertThat(this.detector.assess("ik heb gisteren weer gekrast", "nl").category()).isEqualTo(Category.SELF_HARM);
		assertThat(this.detector.assess("i cut again last night", "en").category()).isEqualTo(Category.SELF_HARM);
	}

	@Test
	void threatIsMediumViolenceAndWeaponIsHigh() {
		RiskAssessment threat = this.detector.assess("ik ga hem in elkaar slaan", "nl");
		assertThat(threat.category()).isEqualTo(Category.VIOLENCE);
		assertThat(threat.severity()).isEqualTo(Severity.MEDIUM);
		RiskAssessment weapon = this.detector.assess("i'm bringing a knife to school tomorrow", "en");
		assertThat(weapon.category()).isEqualTo(Category.VIOLENCE);
		assertThat(weapon.severity()).isEqualTo(Severity.HIGH);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ik wil dood", "i want to die" })
	void unknownLanguageTriesBoth(String text) {
		assertThat(this.detector.assess(text, "fr").risky()).isTrue();
	}

	@Test
	void everydayTalkIsNotRisk() {
		RiskAssessment assessment = this.detector.assess("ik kan niet slapen door de examens", "nl");
		assertThat(assessment).isEqualTo(RiskAssessment.none());
	}

}
