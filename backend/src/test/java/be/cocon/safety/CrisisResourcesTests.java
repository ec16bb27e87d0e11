package be.cocon.safety;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CrisisResourcesTests {

	final CrisisResources resources = new CrisisResources();

	@Test
	void countryFollowsTheTimeZoneWithBelgiumAsDefault() {
		assertThat(this.resources.countryOf("Europe/Amsterdam")).isEqualTo("NL");
		assertThat(this.resources.countryOf("Europe/Brussels")).isEqualTo("BE");
		assertThat(this.resources.countryOf("America/New_York")).isEqualTo("BE");
		assertThat(this.resources.countryOf(null)).isEqualTo("BE");
	}

	@Test
	void belgianCardListsTheIssueLinesWithTheEmergencyNumberLast() {
		CrisisCard card = this.resources.card("BE", "nl", null);

		assertThat(card.resources()).extracting(CrisisResource::phone)
			.containsExactly("1813", "102", "106", "1712", "112");
		assertThat(card.resources().get(4).emergency()).isTrue();
		assertThat(card.intro()).startsWith("Het klinkt");
		assertThat(card.resources().get(0).hours()).contains("24/7");
	}

	@Test
	void linesForTheRiskComeFirst() {
		CrisisCard abuse = this.resources.card("BE", "en", Category.ABUSE);

		assertThat(abuse.resources()).extracting(CrisisResource::phone).startsWith("1712").endsWith("112");
		assertThat(abuse.resources().get(0).description()).startsWith("For violence");
	}

	@Test
	void dutchCardHas113TheKindertelefoonAnd112() {
		CrisisCard card = this.resources.card("nl", "en", Category.SUICIDE);

		assertThat(card.country()).isEqualTo("NL");
		assertThat(card.resources()).extracting(CrisisResource::phone).containsExactly("08000113", "08000432", "112");
		assertThat(card.resources().get(1).audience()).contains("8 to 18");
	}

	@Test
	void unknownCountryOrLanguageFallsBackToTheDefaults() {
		CrisisCard card = this.resources.card("FR", "fr", null);

		assertThat(card.country()).isEqualTo("BE");
		assertThat(card.language()).isEqualTo("nl");
	}

}
