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

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			nl | ik wil d00d
			nl | k wil ni mr leve
			nl | as ik er ni meer ben is da voor iedereen beter
			nl | zie et ni mr zitte
			en | i want to d1e
			en | i want 2 die
			en | kms
			en | ur all better off without me
			""")
	void leetspeakChatSpellingAndDroppedEndingsAreNormalised(String language, String text) {
		RiskAssessment assessment = this.detector.assess(text, language);
		assertThat(assessment.risky()).as(text).isTrue();
		assertThat(assessment.category()).isEqualTo(Category.SUICIDE);
	}

	@Test
	void normalisedReadingsAreWhatTheRulesSee() {
		assertThat(Lexicon.load("nl").readings("k wil ni mr leve")).containsExactly("ik wil niet meer leven");
		assertThat(Lexicon.load("nl").readings("as ik d00d ben")).containsExactly("als ik dood ben");
		assertThat(Lexicon.load("en").readings("cuttin again tmrw")).containsExactly("cutting again tomorrow");
		assertThat(Lexicon.load("en").readings("i wanna dieeee")).containsExactly("i want to diee", "i want to die");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			nl | mijn moeder slaat mij nooit
			nl | ik snij mezelf niet
			nl | ik wil mezelf geen pijn doen, ik wil gewoon praten
			nl | ik heb nog nooit aan snijden gedacht
			en | my mom never hits me
			en | no i don't want to die, i'm just angry
			""")
	void negationBeforeAndDutchNegationAfterAreNotRisk(String language, String text) {
		assertThat(this.detector.assess(text, language).risky()).as(text).isFalse();
	}

	@Test
	void dutchNegationAfterIsNeededForTheseToBeNegated() {
		assertThat(this.detector.assess("mijn moeder slaat mij", "nl").category()).isEqualTo(Category.ABUSE);
		assertThat(this.detector.assess("ik snij mezelf", "nl").category()).isEqualTo(Category.SELF_HARM);
	}

	@Test
	void negationScopeEndsAtAnd() {
		assertThat(this.detector.assess("she says i should never have been born and she slaps me", "en").category())
			.isEqualTo(Category.ABUSE);
		assertThat(this.detector.assess("i have no friends and want to die", "en").category())
			.isEqualTo(Category.SUICIDE);
		assertThat(this.detector.assess("ik heb geen vrienden en ik wil dood", "nl").category())
			.isEqualTo(Category.SUICIDE);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			nl | ik ga dood van de stress voor dat examen
			nl | ik ga mijn broer vermoorden, hij heeft mijn chips opgegeten 😂
			nl | mijn gsm is dood, ik bel je straks
			nl | ik kan niet meer van het lachen
			nl | mijn ma vermoordt me als ze mijn rapport ziet
			en | this exam is killing me
			en | i could kill my brother lol
			en | my phone died, text you later
			en | he beat me at chess again
			en | my teacher kicked me out of class
			en | i want to die of embarrassment
			""")
	void moreIdiomsAndLaughterAreNotRisk(String language, String text) {
		assertThat(this.detector.assess(text, language).risky()).as(text).isFalse();
	}

	@Test
	void endOfClauseMattersForOpenEndedPhrases() {
		assertThat(this.detector.assess("ik kan niet meer. ik wil niet meer.", "nl").category())
			.isEqualTo(Category.SUICIDE);
		assertThat(this.detector.assess("ik wil niet meer naar die club", "nl").risky()).isFalse();
	}

	@Test
	void thirdPersonSubjectIsNotTheWritersRisk() {
		assertThat(this.detector.assess("mijn zus denkt aan zelfmoord", "nl").risky()).isFalse();
		assertThat(this.detector.assess("ik denk aan zelfmoord", "nl").risky()).isTrue();
		assertThat(this.detector.assess("my dad bought a rope for the boat", "en").risky()).isFalse();
		assertThat(this.detector.assess("i bought a rope", "en").severity()).isEqualTo(Severity.HIGH);
	}

	@Test
	void accidentAndBenignContextsCancelARule() {
		assertThat(this.detector.assess("ik heb me gesneden aan een blad papier", "nl").risky()).isFalse();
		assertThat(this.detector.assess("ik heb me gesneden", "nl").category()).isEqualTo(Category.SELF_HARM);
		assertThat(this.detector.assess("my stepdad comes to my room at night to say goodnight", "en").risky())
			.isFalse();
		assertThat(this.detector.assess("my stepdad comes into my room at night", "en").category())
			.isEqualTo(Category.ABUSE);
		assertThat(this.detector.assess("gotta take my pills for allergies", "en").risky()).isFalse();
	}

	@Test
	void framingIsCancelledWhenTheWriterSaysItIsAboutThem() {
		assertThat(this.detector.assess("in de film wil ze dood", "nl").risky()).isFalse();
		assertThat(this.detector.assess("in de film wil ze dood, ik ook", "nl").risky()).isTrue();
		assertThat(this.detector.assess("the song is about wanting to die", "en").risky()).isFalse();
		assertThat(this.detector.assess("the song is about wanting to die, i relate so much", "en").risky()).isTrue();
	}

	@Test
	void recoveryIsCancelledByARelapse() {
		assertThat(this.detector.assess("vroeger sneed ik mezelf, nu gaat het beter", "nl").risky()).isFalse();
		RiskAssessment relapse = this.detector
			.assess("vroeger sneed ik mezelf, het ging beter maar nu een terugval, weer gesneden", "nl");
		assertThat(relapse.category()).isEqualTo(Category.SELF_HARM);
	}

	@Test
	void schoolTopicsGamesAndNewsAreNotRisk() {
		assertThat(this.detector.assess("we hebben vandaag een les gehad over zelfmoordpreventie", "nl").risky())
			.isFalse();
		assertThat(this.detector.assess("i died 5 times in this level", "en").risky()).isFalse();
		assertThat(this.detector.assess("saw on the news a boy jumped off a bridge, so sad", "en").risky()).isFalse();
	}

	@Test
	void peerViolenceIsViolenceAndViolenceAtHomeIsAbuse() {
		assertThat(this.detector.assess("ze hebben me gisteren in elkaar geslagen", "nl").category())
			.isEqualTo(Category.VIOLENCE);
		assertThat(this.detector.assess("they said they're gonna jump me after school", "en").category())
			.isEqualTo(Category.VIOLENCE);
		assertThat(this.detector.assess("mijn stiefvader komt 's nachts op mijn kamer", "nl").category())
			.isEqualTo(Category.ABUSE);
	}

	@Test
	void everyRuleIsLoaded() {
		assertThat(Lexicon.load("nl").ruleCount()).isGreaterThanOrEqualTo(13);
		assertThat(Lexicon.load("en").ruleCount()).isGreaterThanOrEqualTo(13);
	}

}
