package be.cocon.safety;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.support.ControlledClock;
import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;
import be.cocon.support.MutableClock;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figures for staff count what opened per day (by severity, category and source at
 * opening), what became of review items, the outcomes and the response times. The test
 * moves the clock to a day of its own, so its counts are exact. (Same context as
 * {@link OverdueAlertTests}.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cocon.safety.overdue-check-every=1h", "cocon.safety.claim-within=5m",
				"cocon.safety.realert-every=3m" })
@Import({ TestTokens.class, ControlledClock.class, GuaranteedPhrases.class })
class SafetyStatsTests {

	static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	MutableClock clock;

	@Test
	void aDayOfReviewItemsAndEscalationsIsCountedByKindOutcomeAndResponseTime() throws Exception {
		LocalDate day = LocalDate.ofInstant(this.clock.instant(), BRUSSELS).plusDays(1);
		this.clock.set(day.atTime(9, 0).atZone(BRUSSELS).toInstant());
		try (Scene dismissed = new Scene(this.tokens, this.port);
				Scene escalated = new Scene(this.tokens, this.port);
				Scene helped = new Scene(this.tokens, this.port)) {
			dismissed.say(dismissed.connect(dismissed.clientToken), GuaranteedPhrases.REVIEW_NL);
			this.clock.advance(Duration.ofSeconds(60));
			assertThat(dismissed
				.post("/api/escalations/" + dismissed.openItem() + "/dismiss", "{\"reason\":\"HYPERBOLE\"}",
						dismissed.moderatorToken)
				.status()).isEqualTo(200);
			escalated.say(escalated.connect(escalated.clientToken), GuaranteedPhrases.REVIEW_EN);
			assertThat(escalated
				.post("/api/escalations/" + escalated.openItem() + "/escalate", "{\"severity\":\"MEDIUM\"}",
						escalated.moderatorToken)
				.status()).isEqualTo(200);
			String help = helped.post("/api/help", "{}", helped.clientToken).json().get("escalationId").asString();
			this.clock.advance(Duration.ofSeconds(40));
			helped.post("/api/escalations/" + help + "/claim", "{}", helped.moderatorToken);
			this.clock.advance(Duration.ofSeconds(600));
			helped.post("/api/escalations/" + help + "/resolve", "{\"outcome\":\"CONTACTED\"}", helped.moderatorToken);

			JsonNode today = stats("?days=1", this.tokens.tokenFor(Role.MODERATOR)).json();

			assertThat(today.get("from").asString()).isEqualTo(day.toString());
			assertThat(today.get("to").asString()).isEqualTo(day.toString());
			assertThat(today.get("zone").asString()).isEqualTo("Europe/Brussels");
			assertThat(today.get("days").size()).isEqualTo(1);
			assertThat(today.at("/days/0").toString())
				.isEqualTo("{\"date\":\"" + day + "\",\"high\":1,\"medium\":0,\"review\":2}");
			assertThat(today.get("bySeverity").toString()).isEqualTo("{\"HIGH\":1,\"MEDIUM\":0,\"REVIEW\":2}");
			assertThat(today.get("byCategory").toString())
				.isEqualTo("{\"SUICIDE\":2,\"SELF_HARM\":0,\"ABUSE\":0,\"VIOLENCE\":0,\"UNKNOWN\":1}");
			assertThat(today.at("/bySource/CHAT_MESSAGE").asLong()).isEqualTo(2);
			assertThat(today.at("/bySource/HELP_BUTTON").asLong()).isEqualTo(1);
			assertThat(today.at("/bySource/QUESTIONNAIRE").asLong()).isZero();
			assertThat(today.at("/reviews/opened").asLong()).isEqualTo(2);
			assertThat(today.at("/reviews/dismissed").asLong()).isEqualTo(1);
			assertThat(today.at("/reviews/escalated").asLong()).isEqualTo(1);
			assertThat(today.at("/reviews/open").asLong()).isEqualTo(openReviewItems());
			assertThat(today.get("outcomes").toString()).isEqualTo(
					"{\"CONTACTED\":1,\"REFERRED_TO_CRISIS_LINE\":0,\"EMERGENCY_SERVICES\":0,\"FALSE_POSITIVE\":0,\"DISMISSED\":1,\"CLIENT_DELETED\":0}");
			assertThat(today.get("timeToClaim").toString())
				.isEqualTo("{\"count\":1,\"medianSeconds\":40.0,\"p90Seconds\":40.0}");
			assertThat(today.get("timeToResolve").toString())
				.isEqualTo("{\"count\":2,\"medianSeconds\":350.0,\"p90Seconds\":582.0}");

			JsonNode week = stats("?days=7", this.tokens.tokenFor(Role.ADMIN)).json();
			assertThat(week.get("from").asString()).isEqualTo(day.minusDays(6).toString());
			assertThat(dates(week)).hasSize(7).startsWith(day.minusDays(6).toString()).endsWith(day.toString());
			assertThat(week.at("/days/6")).isEqualTo(today.at("/days/0"));
		}
		String prometheus = new HttpTestClient(this.port)
			.get("/actuator/prometheus", "Authorization", "Bearer " + this.tokens.tokenFor(Role.ADMIN))
			.body();
		assertThat(prometheus)
			.containsPattern("cocon_safety_signals_total\\{[^}]*category=\"SUICIDE\",severity=\"REVIEW\","
					+ "source=\"CHAT_MESSAGE\"")
			.containsPattern("cocon_safety_signals_total\\{[^}]*category=\"UNKNOWN\",severity=\"HIGH\","
					+ "source=\"HELP_BUTTON\"")
			.containsPattern("cocon_safety_reviews_total\\{[^}]*outcome=\"dismissed\"")
			.containsPattern("cocon_safety_reviews_total\\{[^}]*outcome=\"escalated\"");
	}

	@Test
	void theFiguresAreForModeratorsAndAdminsOverOneToThreeHundredSixtyFiveDays() {
		String moderator = this.tokens.tokenFor(Role.MODERATOR);

		assertThat(stats("", moderator).json().get("days").size()).isEqualTo(30);
		assertThat(stats("?days=365", moderator).json().get("days").size()).isEqualTo(365);
		for (String days : List.of("0", "366", "-1", "abc")) {
			Response refused = stats("?days=" + days, moderator);
			assertThat(refused.status()).as(days).isEqualTo(400);
			assertThat(refused.json().get("code").asString()).isEqualTo("stats.invalid-days");
		}
		assertThat(stats("", this.tokens.tokenFor(Role.CLIENT)).status()).isEqualTo(403);
		assertThat(stats("", this.tokens.tokenFor(Role.THERAPIST)).status()).isEqualTo(403);
		assertThat(new HttpTestClient(this.port).get("/api/safety/stats").status()).isEqualTo(401);
	}

	private Response stats(String query, String token) {
		return new HttpTestClient(this.port).get("/api/safety/stats" + query, "Authorization", bearer(token));
	}

	private long openReviewItems() {
		JsonNode open = new HttpTestClient(this.port)
			.get("/api/escalations", "Authorization", bearer(this.tokens.tokenFor(Role.MODERATOR)))
			.json();
		long reviews = 0;
		for (JsonNode item : open) {
			if ("REVIEW".equals(item.get("severity").asString())) {
				reviews++;
			}
		}
		return reviews;
	}

	private static List<String> dates(JsonNode stats) {
		List<String> dates = new ArrayList<>();
		stats.get("days").forEach((day) -> dates.add(day.get("date").asString()));
		return dates;
	}

}
