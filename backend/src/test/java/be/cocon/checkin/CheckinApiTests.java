package be.cocon.checkin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.identity.UserId;
import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;
import be.cocon.support.StompTestClient;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Check-ins through the real REST API: posting (idempotent, validated before anything is
 * stored), listing, trends, the tag vocabulary, the reminder settings, the therapist's
 * audited view, and a risky note that shows the crisis card and reaches the moderators.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestTokens.class)
class CheckinApiTests {

	static final String RISKY = "ik wil dood, ik heb al pillen verzameld";

	static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	MoodTrends moodTrends;

	UserId client;

	String clientToken;

	HttpTestClient http;

	StompTestClient stomp;

	@BeforeEach
	void aClient() {
		this.client = this.tokens.account(Role.CLIENT);
		this.clientToken = this.tokens.tokenFor(this.client, Role.CLIENT);
		this.http = new HttpTestClient(this.port);
	}

	@AfterEach
	void close() {
		if (this.stomp != null) {
			this.stomp.close();
		}
	}

	@Test
	void postedCheckInsAreListedNewestFirstOnTheClientsLocalDate() {
		Response first = post(checkIn(UUID.randomUUID().toString(), 6, 4).put("note", "  slept badly  ")
			.set("tags", JSON.valueToTree(List.of("sleep", "school"))));
		Response second = post(checkIn(UUID.randomUUID().toString(), 8, 2));

		assertThat(first.status()).isEqualTo(201);
		assertThat(second.status()).isEqualTo(201);
		JsonNode stored = first.json().get("checkIn");
		assertThat(stored.get("note").asString()).isEqualTo("slept badly");
		assertThat(stored.get("date").asString()).isEqualTo(LocalDate.now(ZoneId.of("Europe/Brussels")).toString());
		assertThat(first.json().get("crisis").isNull()).isTrue();
		JsonNode list = mine("/api/checkins?days=1");
		assertThat(list.findValuesAsString("id")).containsExactly(second.json().at("/checkIn/id").asString(),
				stored.get("id").asString());
		assertThat(list.get(1).get("mood").asInt()).isEqualTo(6);
		assertThat(list.get(1).get("stress").asInt()).isEqualTo(4);
		assertThat(list.get(1).get("tags").findValuesAsString("")).isEmpty();
		assertThat(list.get(1).get("tags").toString()).isEqualTo("[\"sleep\",\"school\"]");
		assertThat(list.get(0).get("note").isNull()).isTrue();
	}

	@Test
	void theSameIdAgainStoresNothingNewAndAnswersTheStoredCheckIn() {
		String id = UUID.randomUUID().toString();
		assertThat(post(checkIn(id, 3, 7)).status()).isEqualTo(201);

		Response again = post(checkIn(id.toUpperCase(), 9, 1).put("note", RISKY));

		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().at("/checkIn/mood").asInt()).isEqualTo(3);
		assertThat(again.json().get("crisis").isNull()).isTrue();
		assertThat(mine("/api/checkins").size()).isEqualTo(1);
		assertThat(openEscalationsOf(this.client)).isEmpty();
	}

	@Test
	void anInvalidCheckInIsRefusedWithEveryFieldErrorAndNothingIsStored() {
		ObjectNode bad = JSON.createObjectNode()
			.put("id", "not-a-uuid")
			.put("mood", 0)
			.put("stress", 11)
			.put("note", "x".repeat(501));
		bad.set("tags", JSON.valueToTree(List.of("sleep", "sleep", "homework")));

		Response refused = post(bad);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("code").asString()).isEqualTo("checkin.invalid");
		assertThat(refused.json().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("id", "mood",
				"stress", "tags", "tags", "note");
		assertThat(refused.json().get("errors").findValuesAsString("code")).contains("mood.out-of-range",
				"tags.duplicate", "tags.unknown", "note.too-long");
		assertThat(post(JSON.createObjectNode()).json().get("errors").findValuesAsString("code"))
			.containsExactlyInAnyOrder("id.invalid", "mood.required", "stress.required");
		assertThat(mine("/api/checkins?days=365").size()).isZero();
	}

	@Test
	void moreThanSixTagsOrAValueOfTheWrongTypeIsAFieldError() {
		ObjectNode tooMany = checkIn(UUID.randomUUID().toString(), 5, 5);
		tooMany.set("tags",
				JSON.valueToTree(List.of("sleep", "school", "friends", "family", "health", "sport", "screens")));
		ObjectNode word = checkIn(UUID.randomUUID().toString(), 5, 5).put("mood", "good");
		ObjectNode fraction = checkIn(UUID.randomUUID().toString(), 5, 5).put("stress", 5.5);

		assertThat(post(tooMany).json().get("errors").findValuesAsString("code")).containsExactly("tags.too-many");
		Response wrongType = post(word);
		assertThat(wrongType.status()).isEqualTo(400);
		assertThat(wrongType.json().get("code").asString()).isEqualTo("checkin.invalid");
		assertThat(wrongType.json().get("errors").findValuesAsString("field")).containsExactly("mood");
		Response notWhole = post(fraction);
		assertThat(notWhole.status()).isEqualTo(400);
		assertThat(notWhole.json().get("errors").findValuesAsString("field")).containsExactly("stress");
		assertThat(mine("/api/checkins").size()).isZero();
	}

	@Test
	void aNoteOfOnlySpacesIsNoNote() {
		Response posted = post(checkIn(UUID.randomUUID().toString(), 5, 5).put("note", "   \n "));

		assertThat(posted.status()).isEqualTo(201);
		assertThat(posted.json().at("/checkIn/note").isNull()).isTrue();
	}

	@Test
	void theVocabularyListsTheTagsToChooseFrom() {
		assertThat(mine("/api/checkins/tags").findValuesAsString("")).isEmpty();
		assertThat(mine("/api/checkins/tags").toString()).isEqualTo(
				"[\"sleep\",\"school\",\"friends\",\"family\",\"health\",\"sport\",\"screens\",\"alone\",\"hobbies\",\"money\"]");
	}

	@Test
	void trendsHaveOneEntryPerDayAndSevenWeekdays() {
		post(checkIn(UUID.randomUUID().toString(), 4, 8).set("tags", JSON.valueToTree(List.of("school"))));
		post(checkIn(UUID.randomUUID().toString(), 7, 3));

		JsonNode trends = mine("/api/checkins/trends?days=7");

		LocalDate today = LocalDate.now(ZoneId.of("Europe/Brussels"));
		assertThat(trends.get("from").asString()).isEqualTo(today.minusDays(6).toString());
		assertThat(trends.get("to").asString()).isEqualTo(today.toString());
		assertThat(trends.get("timezone").asString()).isEqualTo("Europe/Brussels");
		assertThat(trends.get("days").size()).isEqualTo(7);
		JsonNode lastDay = trends.get("days").get(6);
		assertThat(lastDay.get("mood").asDouble()).isEqualTo(5.5);
		assertThat(lastDay.get("stress").asDouble()).isEqualTo(5.5);
		assertThat(lastDay.get("count").asInt()).isEqualTo(2);
		assertThat(trends.get("days").get(0).get("mood").isNull()).isTrue();
		assertThat(trends.at("/average7/count").asInt()).isEqualTo(2);
		assertThat(trends.at("/previous7/mood").isNull()).isTrue();
		assertThat(trends.get("direction").isNull()).isTrue();
		assertThat(trends.get("weekdays").size()).isEqualTo(7);
		assertThat(trends.at("/tags/0/tag").asString()).isEqualTo("school");
		assertThat(trends.at("/tags/0/difference").asDouble()).isEqualTo(-3.0);
		assertThat(trends.get("lowMoodTags").size()).isZero();
	}

	@Test
	void trendsNameTagPatternsInBothDirectionsButNotATagUsedOnce() {
		post(withTags(checkIn(UUID.randomUUID().toString(), 9, 2), "friends", "sport"));
		post(withTags(checkIn(UUID.randomUUID().toString(), 9, 3), "friends"));
		post(withTags(checkIn(UUID.randomUUID().toString(), 3, 8), "school"));
		post(withTags(checkIn(UUID.randomUUID().toString(), 3, 7), "school"));

		JsonNode trends = mine("/api/checkins/trends?days=7");

		// friends: 9 with, 3 without; school: 3 with, 9 without; sport: +4, but used
		// once.
		assertThat(trends.get("lowMoodTags").toString()).isEqualTo("[\"school\"]");
		assertThat(trends.get("highMoodTags").toString()).isEqualTo("[\"friends\"]");
		assertThat(trends.get("tags").findValuesAsString("tag")).containsExactly("school", "sport", "friends");
		assertThat(trends.at("/tags/1/difference").asDouble()).isEqualTo(4.0);
		assertThat(trends.at("/tags/2/difference").asDouble()).isEqualTo(6.0);
	}

	@Test
	void daysOutsideTheirRangeAreRefused() {
		Response tooFew = this.http.get("/api/checkins/trends?days=6", "Authorization", bearer(this.clientToken));
		Response tooMany = this.http.get("/api/checkins?days=366", "Authorization", bearer(this.clientToken));

		assertThat(tooFew.status()).isEqualTo(400);
		assertThat(tooFew.json().get("code").asString()).isEqualTo("checkin.invalid");
		assertThat(tooFew.json().at("/errors/0/field").asString()).isEqualTo("days");
		assertThat(tooMany.status()).isEqualTo(400);
	}

	@Test
	void theTherapistReadsTheirClientsCheckInsAndEveryReadIsAudited() {
		UserId therapist = this.tokens.account(Role.THERAPIST);
		this.tokens.assign(this.client, therapist);
		String therapistToken = this.tokens.tokenFor(therapist, Role.THERAPIST);
		post(checkIn(UUID.randomUUID().toString(), 6, 5));

		Response list = this.http.get("/api/clients/" + this.client.value() + "/checkins?days=30", "Authorization",
				bearer(therapistToken));
		Response trends = this.http.get("/api/clients/" + this.client.value() + "/checkins/trends", "Authorization",
				bearer(therapistToken));

		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().size()).isEqualTo(1);
		assertThat(trends.status()).isEqualTo(200);
		assertThat(trends.json().at("/average30/mood").asDouble()).isEqualTo(6.0);
		JsonNode audit = auditOf(this.client);
		assertThat(audit.findValuesAsString("action")).containsExactly("checkin.view", "checkin.view");
		assertThat(audit.findValuesAsString("actorId")).containsOnly(therapist.value());
		assertThat(audit.findValuesAsString("view")).containsExactlyInAnyOrder("checkins", "trends");
	}

	@Test
	void aTherapistWithoutTheClientInTheirCaseloadIsRefusedAndNothingIsAudited() {
		this.tokens.assign(this.client, this.tokens.account(Role.THERAPIST));
		String otherTherapist = this.tokens.tokenFor(Role.THERAPIST);

		Response list = this.http.get("/api/clients/" + this.client.value() + "/checkins", "Authorization",
				bearer(otherTherapist));
		Response trends = this.http.get("/api/clients/" + this.client.value() + "/checkins/trends", "Authorization",
				bearer(otherTherapist));

		assertThat(list.status()).isEqualTo(403);
		assertThat(list.json().get("code").asString()).isEqualTo("client.not-in-caseload");
		assertThat(trends.status()).isEqualTo(403);
		assertThat(auditOf(this.client).findValuesAsString("action")).doesNotContain("checkin.view");
	}

	@Test
	void aRiskyNoteAnswersWithTheCrisisCardAndOpensAnEscalationForModerators() {
		Response posted = post(checkIn(UUID.randomUUID().toString(), 2, 9).put("note", RISKY));

		assertThat(posted.status()).isEqualTo(201);
		JsonNode crisis = posted.json().get("crisis");
		assertThat(crisis.get("country").asString()).isEqualTo("BE");
		assertThat(crisis.get("language").asString()).isEqualTo("nl");
		assertThat(crisis.at("/resources/0/phone").asString()).isEqualTo("1813");
		assertThat(posted.json().at("/checkIn/note").asString()).isEqualTo(RISKY);
		List<JsonNode> escalations = openEscalationsOf(this.client);
		assertThat(escalations).hasSize(1);
		assertThat(escalations.get(0).at("/lastSignal/source").asString()).isEqualTo("CHECKIN_NOTE");
		assertThat(escalations.get(0).at("/lastSignal/text").asString()).isEqualTo(RISKY);
	}

	@Test
	void aCalmNoteOpensNoEscalation() {
		Response posted = post(checkIn(UUID.randomUUID().toString(), 7, 3).put("note", "fijne dag op school gehad"));

		assertThat(posted.json().get("crisis").isNull()).isTrue();
		assertThat(openEscalationsOf(this.client)).isEmpty();
	}

	@Test
	void theReminderIsOffUntilSwitchedOnAndThenOpensAReadOnlyCheckInConversation() throws Exception {
		JsonNode initial = mine("/api/checkins/reminder");
		assertThat(initial.get("enabled").asBoolean()).isFalse();
		assertThat(initial.get("time").asString()).isEqualTo("19:00");
		assertThat(initial.get("timezone").asString()).isEqualTo("Europe/Brussels");

		Response on = put("/api/checkins/reminder",
				"{\"enabled\":true,\"time\":\"07:30\",\"timezone\":\"Asia/Tokyo\"}");

		assertThat(on.status()).isEqualTo(200);
		assertThat(on.json().get("enabled").asBoolean()).isTrue();
		assertThat(on.json().get("time").asString()).isEqualTo("07:30");
		assertThat(on.json().get("timezone").asString()).isEqualTo("Europe/Brussels");
		assertThat(mine("/api/checkins/reminder").get("time").asString()).isEqualTo("07:30");
		String conversation = "checkin-" + this.client.value();
		JsonNode listed = mine("/api/conversations");
		assertThat(listed.findValuesAsString("id")).contains(conversation);
		assertThat(listed.findValuesAsString("kind")).contains("CHECKIN");
		this.stomp = StompTestClient.connect(this.port, this.clientToken).subscribeUserQueues();
		this.stomp.sendMessage(conversation, UUID.randomUUID().toString(), "hello?");
		assertThat(this.stomp.next("/user/queue/errors").get("code").asString()).isEqualTo("conversation.read-only");

		Response off = put("/api/checkins/reminder", "{\"enabled\":false}");
		assertThat(off.json().get("enabled").asBoolean()).isFalse();
		assertThat(off.json().get("time").asString()).isEqualTo("07:30");
	}

	@Test
	void aReminderWithoutAValidTimeIsRefused() {
		Response badTime = put("/api/checkins/reminder", "{\"enabled\":true,\"time\":\"25:00\"}");
		Response noTime = put("/api/checkins/reminder", "{\"enabled\":true}");
		Response nothing = put("/api/checkins/reminder", "{}");

		assertThat(badTime.status()).isEqualTo(400);
		assertThat(badTime.json().get("code").asString()).isEqualTo("checkin.invalid");
		assertThat(badTime.json().get("errors").findValuesAsString("code")).containsExactly("time.invalid");
		assertThat(noTime.json().get("errors").findValuesAsString("code")).containsExactly("time.required");
		assertThat(nothing.json().get("errors").findValuesAsString("code")).containsExactly("enabled.required");
		assertThat(mine("/api/checkins/reminder").get("enabled").asBoolean()).isFalse();
	}

	@Test
	void moodSummariesAnswerEveryClientAskedFor() {
		Instant before = Instant.now();
		post(checkIn(UUID.randomUUID().toString(), 4, 5));
		post(checkIn(UUID.randomUUID().toString(), 7, 5));
		UserId quiet = this.tokens.account(Role.CLIENT);

		List<MoodSummary> summaries = this.moodTrends
			.summariesOf(List.of(this.client.value(), quiet.value(), "nobody"));

		assertThat(summaries).extracting(MoodSummary::clientId)
			.containsExactly(this.client.value(), quiet.value(), "nobody");
		MoodSummary active = summaries.get(0);
		assertThat(active.lastCheckInAt()).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
		assertThat(active.mood7()).isEqualTo(5.5);
		assertThat(active.moodPrevious7()).isNull();
		assertThat(active.direction()).isNull();
		assertThat(summaries.get(1)).isEqualTo(new MoodSummary(quiet.value(), null, null, null, null));
	}

	private static ObjectNode checkIn(String id, int mood, int stress) {
		return JSON.createObjectNode().put("id", id).put("mood", mood).put("stress", stress);
	}

	private static ObjectNode withTags(ObjectNode checkIn, String... tags) {
		return checkIn.set("tags", JSON.valueToTree(List.of(tags)));
	}

	private Response post(JsonNode body) {
		return this.http.postJson("/api/checkins", body.toString(), "Authorization", bearer(this.clientToken));
	}

	private Response put(String path, String body) {
		return this.http.putJson(path, body, "Authorization", bearer(this.clientToken));
	}

	private JsonNode mine(String path) {
		Response response = this.http.get(path, "Authorization", bearer(this.clientToken));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private JsonNode auditOf(UserId subject) {
		return this.http
			.get("/api/admin/audit/" + subject.value(), "Authorization", bearer(this.tokens.tokenFor(Role.ADMIN)))
			.json();
	}

	private List<JsonNode> openEscalationsOf(UserId subject) {
		JsonNode open = this.http.get("/api/escalations", "Authorization", bearer(this.tokens.tokenFor(Role.MODERATOR)))
			.json();
		List<JsonNode> mine = new java.util.ArrayList<>();
		open.forEach((escalation) -> {
			if (escalation.at("/client/id").asString().equals(subject.value())) {
				mine.add(escalation);
			}
		});
		return mine;
	}

}
