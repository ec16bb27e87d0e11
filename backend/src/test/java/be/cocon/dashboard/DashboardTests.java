package be.cocon.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.identity.UserId;
import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;
import be.cocon.support.ControlledClock;
import be.cocon.support.MutableClock;
import be.cocon.support.StompTestClient;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The therapist's dashboard through the real API: each column comes from the module that
 * owns it, and the attention flag names its reasons.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({ TestTokens.class, ControlledClock.class })
class DashboardTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	MutableClock clock;

	@Test
	void rowsShowProgressMoodUnreadAndEscalationsAndFlagWhoNeedsAttention() throws Exception {
		HttpTestClient http = new HttpTestClient(this.port);
		this.clock.set(Instant.parse("2026-11-09T10:00:00Z"));
		UserId therapist = this.tokens.account(Role.THERAPIST);
		String therapistToken = this.tokens.tokenFor(therapist, Role.THERAPIST);
		UserId falling = client(therapist);
		UserId escalated = client(therapist);
		UserId quiet = client(therapist);
		String fallingToken = this.tokens.tokenFor(falling, Role.CLIENT);

		this.clock.set(Instant.parse("2026-11-13T10:00:00Z"));
		for (int mood : new int[] { 8, 8, 7 }) {
			checkIn(http, fallingToken, mood);
			this.clock.advance(Duration.ofDays(1));
		}
		this.clock.set(Instant.parse("2026-11-21T10:00:00Z"));
		for (int mood : new int[] { 3, 3, 2 }) {
			checkIn(http, fallingToken, mood);
			this.clock.advance(Duration.ofDays(1));
		}
		assertThat(http
			.postJson("/api/enrolments", "{\"programmeId\":\"sleeping-better\"}", "Authorization", bearer(fallingToken))
			.status()).isEqualTo(201);
		StompTestClient chat = StompTestClient.connect(this.port, fallingToken).subscribeUserQueues();
		chat.sendMessage("therapy-" + falling.value() + "-" + therapist.value(), UUID.randomUUID().toString(),
				"Het gaat minder goed deze week");
		chat.next("/user/queue/acks");
		chat.close();
		http.postJson("/api/help", "{}", "Authorization", bearer(this.tokens.tokenFor(escalated, Role.CLIENT)));

		JsonNode rows = http.get("/api/caseload/overview", "Authorization", bearer(therapistToken)).json();

		assertThat(rows.size()).isEqualTo(3);
		JsonNode first = row(rows, falling);
		assertThat(first.get("moodTrend").asString()).isEqualTo("DOWN");
		assertThat(first.get("mood7").asDouble()).isBetween(2.6, 2.7);
		assertThat(first.get("unread").asLong()).isEqualTo(1);
		assertThat(first.at("/programme/programmeId").asString()).isEqualTo("sleeping-better");
		assertThat(first.at("/programme/stepsTotal").asInt()).isGreaterThan(1);
		assertThat(first.get("lastActivityAt").asString()).isEqualTo("2026-11-24T10:00:00Z");
		assertThat(first.get("reasons").toString()).contains("MOOD_FALLING").doesNotContain("INACTIVE");
		JsonNode second = row(rows, escalated);
		assertThat(second.at("/escalation/severity").asString()).isEqualTo("HIGH");
		assertThat(second.get("reasons").toString()).contains("ESCALATION", "INACTIVE");
		JsonNode third = row(rows, quiet);
		assertThat(third.get("needsAttention").asBoolean()).isTrue();
		assertThat(third.get("reasons").toString()).isEqualTo("[\"INACTIVE\"]");
		assertThat(third.get("moodTrend").isNull()).isTrue();
		assertThat(audited(http, quiet)).contains("dashboard.view");
	}

	@Test
	void onlyTherapistsSeeADashboardAndOnlyTheirOwnClients() {
		HttpTestClient http = new HttpTestClient(this.port);
		UserId therapist = this.tokens.account(Role.THERAPIST);
		client(therapist);
		String otherTherapist = this.tokens.tokenFor(Role.THERAPIST);

		assertThat(http.get("/api/caseload/overview", "Authorization", bearer(otherTherapist)).json().size()).isZero();
		assertThat(
				http.get("/api/caseload/overview", "Authorization", bearer(this.tokens.tokenFor(Role.CLIENT))).status())
			.isEqualTo(403);
	}

	private UserId client(UserId therapist) {
		UserId client = this.tokens.account(Role.CLIENT);
		this.tokens.assign(client, therapist);
		return client;
	}

	private static void checkIn(HttpTestClient http, String token, int mood) {
		Response response = http.postJson("/api/checkins",
				"{\"id\":\"" + UUID.randomUUID() + "\",\"mood\":" + mood + ",\"stress\":5,\"tags\":[\"school\"]}",
				"Authorization", bearer(token));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
	}

	private static JsonNode row(JsonNode rows, UserId client) {
		for (JsonNode row : rows) {
			if (row.at("/client/id").asString().equals(client.value())) {
				return row;
			}
		}
		throw new AssertionError("No row for " + client.value());
	}

	private java.util.List<String> audited(HttpTestClient http, UserId client) {
		return http.get("/api/admin/audit/" + client.value(), "Authorization", bearer(this.tokens.tokenFor(Role.ADMIN)))
			.json()
			.findValuesAsString("action");
	}

}
