package be.cocon.nudge;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
 * Nudges through the real API with a clock the test moves (the scheduled jobs run hourly
 * here, so only the test drives them): now, at a local time in the client's zone, twice
 * at once, adaptive within quiet hours and the frequency cap, suggestions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cocon.nudge.dispatch-every=1h", "cocon.nudge.adaptive-every=1h" })
@Import({ TestTokens.class, ControlledClock.class })
class NudgeSchedulingTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	MutableClock clock;

	@Autowired
	NudgeJobs jobs;

	@Autowired
	NudgeService service;

	UserId client;

	String clientToken;

	String therapistToken;

	String conversation;

	HttpTestClient http;

	final List<StompTestClient> open = new ArrayList<>();

	@BeforeEach
	void clientInCaseload() {
		this.client = this.tokens.account(Role.CLIENT);
		UserId therapist = this.tokens.account(Role.THERAPIST);
		this.tokens.assign(this.client, therapist);
		this.clientToken = this.tokens.tokenFor(this.client, Role.CLIENT);
		this.therapistToken = this.tokens.tokenFor(therapist, Role.THERAPIST);
		this.conversation = "therapy-" + this.client.value() + "-" + therapist.value();
		this.http = new HttpTestClient(this.port);
		// 11:00 in Brussels, where test clients live
		this.clock.set(Instant.parse("2026-11-23T10:00:00Z"));
	}

	@AfterEach
	void closeAll() {
		this.open.forEach(StompTestClient::close);
	}

	@Test
	void nudgeSentNowArrivesLiveAsANudgeMessage() throws Exception {
		StompTestClient kid = StompTestClient.connect(this.port, this.clientToken).subscribeUserQueues();
		this.open.add(kid);

		Response created = nudge("{\"text\":\"Goed bezig deze week!\"}");

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("status").asString()).isEqualTo("SENT");
		JsonNode live = kid.next("/user/queue/messages");
		assertThat(live.get("kind").asString()).isEqualTo("NUDGE");
		assertThat(live.get("body").asString()).isEqualTo("Goed bezig deze week!");
		assertThat(live.at("/data/nudgeId").asString()).isEqualTo(created.json().get("id").asString());
		assertThat(conversationList().get(0).get("unread").asLong()).isEqualTo(1);
	}

	@Test
	void scheduledNudgeIsSentWhenTheClientsLocalTimeComes() {
		Response created = nudge("{\"text\":\"Denk aan je oefening vanavond\",\"sendAt\":\"2026-11-23T18:30\"}");
		assertThat(created.json().get("sendAt").asString()).isEqualTo("2026-11-23T17:30:00Z");
		assertThat(created.json().get("status").asString()).isEqualTo("SCHEDULED");

		this.clock.set(Instant.parse("2026-11-23T17:29:59Z"));
		this.jobs.dispatch();
		assertThat(nudgeMessages()).isEmpty();

		this.clock.set(Instant.parse("2026-11-23T17:30:00Z"));
		this.jobs.dispatch();
		assertThat(nudgeMessages()).containsExactly("Denk aan je oefening vanavond");
		assertThat(nudges().get(0).get("status").asString()).isEqualTo("SENT");
	}

	@Test
	void localTimeFollowsTheClientsOwnTimeZone() {
		this.http.patchJson("/api/me", "{\"timezone\":\"America/New_York\"}", "Authorization",
				bearer(this.clientToken));

		Response created = nudge("{\"text\":\"Good morning\",\"sendAt\":\"2026-11-23T09:00\"}");

		assertThat(created.json().get("sendAt").asString()).isEqualTo("2026-11-23T14:00:00Z");
		assertThat(created.json().get("timezone").asString()).isEqualTo("America/New_York");
	}

	@Test
	void twoDispatchersAtTheSameMomentSendANudgeOnce() throws Exception {
		nudge("{\"text\":\"Once only\",\"sendAt\":\"2026-11-23T12:00\"}");
		this.clock.set(Instant.parse("2026-11-23T11:00:00Z"));

		CountDownLatch ready = new CountDownLatch(2);
		Callable<Integer> dispatcher = () -> {
			ready.countDown();
			ready.await();
			return this.service.sendDue();
		};
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			pool.invokeAll(List.of(dispatcher, dispatcher));
		}
		finally {
			pool.shutdown();
		}

		assertThat(nudgeMessages()).containsExactly("Once only");
	}

	@Test
	void refusedNudgesAnswerWithProblemsAndStoreNothing() {
		assertThat(nudge("{\"text\":\"late\",\"sendAt\":\"2026-11-23T10:59\"}").json().get("code").asString())
			.isEqualTo("nudge.in-the-past");
		assertThat(nudge("{\"text\":\"when\",\"sendAt\":\"tomorrow\"}").status()).isEqualTo(400);
		assertThat(nudge("{\"text\":\"  \"}").status()).isEqualTo(400);
		assertThat(nudge("{\"text\":\"" + "x".repeat(501) + "\"}").status()).isEqualTo(400);
		assertThat(nudge("{\"text\":\"far\",\"sendAt\":\"2027-06-01T10:00\"}").json().get("code").asString())
			.isEqualTo("nudge.too-far-ahead");
		Response foreign = this.http.postJson("/api/clients/" + this.tokens.account(Role.CLIENT).value() + "/nudges",
				"{\"text\":\"hi\"}", "Authorization", bearer(this.therapistToken));
		assertThat(foreign.status()).isEqualTo(403);
		assertThat(nudges()).isEmpty();
	}

	@Test
	void scheduledNudgeCanBeCancelledButASentOneCannot() {
		String later = nudge("{\"text\":\"later\",\"sendAt\":\"2026-11-24T10:00\"}").json().get("id").asString();
		String now = nudge("{\"text\":\"now\"}").json().get("id").asString();

		Response cancelled = act(later, "cancel");
		Response tooLate = act(now, "cancel");
		this.clock.set(Instant.parse("2026-11-25T10:00:00Z"));
		this.jobs.dispatch();

		assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
		assertThat(tooLate.status()).isEqualTo(409);
		assertThat(nudgeMessages()).containsExactly("now");
	}

	@Test
	void adaptiveNudgeWaitsOutQuietHoursAndRespectsTheCap() {
		saveSettings("SEND");
		// 23:30 in Brussels, four days after switching on, no activity at all
		this.clock.set(Instant.parse("2026-11-27T22:30:00Z"));

		this.jobs.evaluate();
		assertThat(nudges()).hasSize(1);
		JsonNode adaptive = nudges().get(0);
		assertThat(adaptive.get("origin").asString()).isEqualTo("ADAPTIVE");
		assertThat(adaptive.get("reason").asString()).isEqualTo("INACTIVE");
		assertThat(adaptive.get("status").asString()).isEqualTo("SCHEDULED");
		assertThat(adaptive.get("localSendAt").asString()).isEqualTo("2026-11-28T08:00");
		this.jobs.dispatch();
		assertThat(nudgeMessages()).isEmpty();

		this.clock.set(Instant.parse("2026-11-28T07:00:00Z"));
		this.jobs.dispatch();
		assertThat(nudgeMessages()).hasSize(1).first().asString().startsWith("Hoi Test ");

		this.clock.set(Instant.parse("2026-11-29T12:00:00Z"));
		this.jobs.evaluate();
		assertThat(nudges()).hasSize(1);
		this.clock.set(Instant.parse("2026-11-29T22:31:00Z"));
		this.jobs.evaluate();
		assertThat(nudges()).hasSize(2);
	}

	@Test
	void suggestedNudgeWaitsForTheTherapistsApproval() {
		saveSettings("SUGGEST");
		this.clock.set(Instant.parse("2026-11-27T12:00:00Z"));
		this.jobs.evaluate();
		JsonNode suggestion = nudges().get(0);
		assertThat(suggestion.get("status").asString()).isEqualTo("SUGGESTED");
		this.jobs.dispatch();
		assertThat(nudgeMessages()).isEmpty();

		Response approved = act(suggestion.get("id").asString(), "approve");

		assertThat(approved.json().get("status").asString()).isEqualTo("SENT");
		assertThat(nudgeMessages()).hasSize(1);
		assertThat(act(suggestion.get("id").asString(), "dismiss").status()).isEqualTo(409);
	}

	@Test
	void aNewerSuggestionReplacesTheUnansweredOneWhichCanNoLongerBeApprovedOrDismissed() {
		saveSettings("SUGGEST", 3, 24);
		this.clock.set(Instant.parse("2026-11-27T12:00:00Z"));
		this.jobs.evaluate();
		String older = nudges().get(0).get("id").asString();
		this.clock.set(Instant.parse("2026-11-28T12:00:00Z"));
		this.jobs.evaluate();

		List<JsonNode> all = nudges();
		assertThat(all).extracting((nudge) -> nudge.get("status").asString())
			.containsExactly("SUGGESTED", "SUPERSEDED");
		String newer = all.get(0).get("id").asString();
		assertThat(all.get(1).get("id").asString()).isEqualTo(older);
		for (String action : List.of("approve", "dismiss")) {
			Response stale = act(older, action);
			assertThat(stale.status()).isEqualTo(409);
			assertThat(stale.json().get("code").asString()).isEqualTo("nudge.superseded");
			assertThat(stale.json().get("detail").asString()).contains("newer suggestion");
		}
		this.jobs.dispatch();
		assertThat(nudgeMessages()).isEmpty();
		assertThat(act(newer, "approve").json().get("status").asString()).isEqualTo("SENT");
		assertThat(nudgeMessages()).hasSize(1);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "nl|1|al een dag geen check-in", "en|1|from you for a day.",
			"nl|2|al 2 dagen geen check-in", "en|2|from you for 2 days." })
	void theMissedCheckInTextSaysTheDaysTheTherapistSet(String locale, int days, String expected) {
		this.http.patchJson("/api/me", "{\"locale\":\"" + locale + "\"}", "Authorization", bearer(this.clientToken));
		saveSettings("SUGGEST", days, 24);
		Response checkedIn = this.http.postJson("/api/checkins",
				"{\"id\":\"" + UUID.randomUUID() + "\",\"mood\":6,\"stress\":4,\"tags\":[]}", "Authorization",
				bearer(this.clientToken));
		assertThat(checkedIn.status()).as(checkedIn.body()).isEqualTo(201);
		this.clock.set(Instant.parse("2026-11-23T10:00:00Z").plus(Duration.ofDays(days)));

		this.jobs.evaluate();

		JsonNode suggestion = nudges().get(0);
		assertThat(suggestion.get("reason").asString()).isEqualTo("MISSED_CHECKINS");
		assertThat(suggestion.get("text").asString()).contains(expected);
	}

	@Test
	void settingsAreValidated() {
		Response bad = this.http.putJson("/api/clients/" + this.client.value() + "/nudge-settings",
				"{\"enabled\":true,\"mode\":\"SEND\",\"inactiveDays\":0,\"stalledDays\":4,\"missedCheckinDays\":3,"
						+ "\"quietStart\":\"25:00\",\"quietEnd\":\"08:00\",\"minHoursBetween\":48}",
				"Authorization", bearer(this.therapistToken));

		assertThat(bad.status()).isEqualTo(400);
		assertThat(this.http
			.get("/api/clients/" + this.client.value() + "/nudge-settings", "Authorization",
					bearer(this.therapistToken))
			.json()
			.get("enabled")
			.asBoolean()).isFalse();
	}

	@Test
	void templatesArePersonal() {
		Response added = this.http.postJson("/api/nudge-templates",
				"{\"title\":\"Weekend\",\"text\":\"Fijn weekend!\"}", "Authorization", bearer(this.therapistToken));
		String other = this.tokens.tokenFor(Role.THERAPIST);

		assertThat(added.status()).isEqualTo(201);
		assertThat(this.http.get("/api/nudge-templates", "Authorization", bearer(this.therapistToken)).json().size())
			.isEqualTo(1);
		assertThat(this.http.get("/api/nudge-templates", "Authorization", bearer(other)).json().size()).isZero();
		String id = added.json().get("id").asString();
		assertThat(this.http.delete("/api/nudge-templates/" + id, "Authorization", bearer(other)).status())
			.isEqualTo(404);
		assertThat(
				this.http.delete("/api/nudge-templates/" + id, "Authorization", bearer(this.therapistToken)).status())
			.isEqualTo(204);
	}

	private void saveSettings(String mode) {
		saveSettings(mode, 3, 48);
	}

	private void saveSettings(String mode, int missedCheckinDays, int minHoursBetween) {
		Response saved = this.http.putJson("/api/clients/" + this.client.value() + "/nudge-settings",
				"{\"enabled\":true,\"mode\":\"" + mode
						+ "\",\"inactiveDays\":3,\"stalledDays\":4,\"missedCheckinDays\":" + missedCheckinDays
						+ ",\"quietStart\":\"22:00\",\"quietEnd\":\"08:00\",\"minHoursBetween\":" + minHoursBetween
						+ "}",
				"Authorization", bearer(this.therapistToken));
		assertThat(saved.status()).as(saved.body()).isEqualTo(200);
	}

	private Response nudge(String json) {
		return this.http.postJson("/api/clients/" + this.client.value() + "/nudges", json, "Authorization",
				bearer(this.therapistToken));
	}

	private Response act(String nudgeId, String action) {
		return this.http.postJson("/api/clients/" + this.client.value() + "/nudges/" + nudgeId + "/" + action, "{}",
				"Authorization", bearer(this.therapistToken));
	}

	private List<JsonNode> nudges() {
		List<JsonNode> list = new ArrayList<>();
		this.http.get("/api/clients/" + this.client.value() + "/nudges", "Authorization", bearer(this.therapistToken))
			.json()
			.forEach(list::add);
		return list;
	}

	private List<String> nudgeMessages() {
		List<String> bodies = new ArrayList<>();
		this.http
			.get("/api/conversations/" + this.conversation + "/messages", "Authorization", bearer(this.clientToken))
			.json()
			.get("messages")
			.forEach((message) -> {
				if ("NUDGE".equals(message.get("kind").asString())) {
					bodies.add(message.get("body").asString());
				}
			});
		return bodies;
	}

	private JsonNode conversationList() {
		return this.http.get("/api/conversations", "Authorization", bearer(this.clientToken)).json();
	}

}
