package be.cocon.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;

import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.identity.UserId;
import be.cocon.programme.RiskSignalled;
import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;
import be.cocon.support.StompTestClient;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Risk in a client's message, end to end through STOMP and REST: the crisis card, the
 * escalation live in the moderators' queue and at the therapist, and the moderator's
 * claim, join, note and resolution, each audited.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestTokens.class)
class EscalationFlowTests {

	static final String RISKY = "ik wil dood, ik heb al pillen verzameld";

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	ApplicationEventPublisher events;

	UserId client;

	UserId therapist;

	UserId moderator;

	String clientToken;

	String therapistToken;

	String moderatorToken;

	String conversation;

	HttpTestClient http;

	final List<StompTestClient> open = new ArrayList<>();

	@BeforeEach
	void assignedClientAndAModerator() {
		this.client = this.tokens.account(Role.CLIENT);
		this.therapist = this.tokens.account(Role.THERAPIST);
		this.moderator = this.tokens.account(Role.MODERATOR);
		this.tokens.assign(this.client, this.therapist);
		this.clientToken = this.tokens.tokenFor(this.client, Role.CLIENT);
		this.therapistToken = this.tokens.tokenFor(this.therapist, Role.THERAPIST);
		this.moderatorToken = this.tokens.tokenFor(this.moderator, Role.MODERATOR);
		this.conversation = "therapy-" + this.client.value() + "-" + this.therapist.value();
		this.http = new HttpTestClient(this.port);
	}

	@AfterEach
	void closeAll() {
		this.open.forEach(StompTestClient::close);
	}

	@Test
	void riskyMessageShowsTheCrisisCardAndAlertsModeratorsAndTherapist() throws Exception {
		StompTestClient kid = connect(this.clientToken);
		StompTestClient doc = connect(this.therapistToken);
		doc.subscribe("/user/queue/escalations");
		StompTestClient mod = connect(this.moderatorToken);
		mod.subscribe("/topic/escalations");
		Thread.sleep(150);

		kid.sendMessage(this.conversation, UUID.randomUUID().toString(), RISKY);

		assertThat(kid.next("/user/queue/messages").get("body").asString()).isEqualTo(RISKY);
		JsonNode card = kid.next("/user/queue/messages");
		assertThat(card.get("kind").asString()).isEqualTo("NOTICE");
		assertThat(card.get("seq").asLong()).isEqualTo(2);
		assertThat(card.at("/data/notice").asString()).isEqualTo("crisis");
		assertThat(card.at("/data/crisis/country").asString()).isEqualTo("BE");
		assertThat(card.at("/data/crisis/resources/0/phone").asString()).isEqualTo("1813");
		JsonNode opened = eventFor(mod, "/topic/escalations");
		assertThat(opened.get("type").asString()).isEqualTo("OPENED");
		assertThat(opened.at("/escalation/severity").asString()).isEqualTo("HIGH");
		assertThat(opened.at("/escalation/category").asString()).isEqualTo("SUICIDE");
		assertThat(opened.at("/escalation/lastSignal/text").asString()).isEqualTo(RISKY);
		assertThat(opened.at("/escalation/lastSignal/source").asString()).isEqualTo("CHAT_MESSAGE");
		assertThat(doc.next("/user/queue/escalations").get("type").asString()).isEqualTo("OPENED");
		JsonNode mine = this.http.get("/api/caseload/escalations", "Authorization", bearer(this.therapistToken)).json();
		assertThat(mine.size()).isEqualTo(1);
		assertThat(mine.get(0).at("/client/id").asString()).isEqualTo(this.client.value());
	}

	@Test
	void aTherapistOnlineInTwoTabsIsAlertedInBoth() throws Exception {
		StompTestClient kid = connect(this.clientToken);
		StompTestClient doc = connect(this.therapistToken);
		StompTestClient docElsewhere = connect(this.therapistToken);
		doc.subscribe("/user/queue/escalations");
		docElsewhere.subscribe("/user/queue/escalations");
		Thread.sleep(150);

		kid.sendMessage(this.conversation, UUID.randomUUID().toString(), RISKY);

		for (StompTestClient tab : List.of(doc, docElsewhere)) {
			JsonNode event = tab.next("/user/queue/escalations");
			assertThat(event.get("type").asString()).isEqualTo("OPENED");
			assertThat(event.at("/escalation/client/id").asString()).isEqualTo(this.client.value());
		}
	}

	@Test
	void laterSignalsJoinTheOpenEscalationAndTheCardIsNotRepeatedAtOnce() throws Exception {
		StompTestClient kid = connect(this.clientToken);
		StompTestClient mod = connect(this.moderatorToken);
		mod.subscribe("/topic/escalations");
		Thread.sleep(150);

		kid.sendMessage(this.conversation, UUID.randomUUID().toString(), RISKY);
		String id = eventFor(mod, "/topic/escalations").at("/escalation/id").asString();
		kid.sendMessage(this.conversation, UUID.randomUUID().toString(), "ik heb mezelf weer gesneden");
		JsonNode second = eventFor(mod, "/topic/escalations");

		assertThat(second.get("type").asString()).isEqualTo("SIGNAL");
		assertThat(second.at("/escalation/id").asString()).isEqualTo(id);
		assertThat(second.at("/escalation/signalCount").asInt()).isEqualTo(2);
		JsonNode history = this.http
			.get("/api/conversations/" + this.conversation + "/messages", "Authorization", bearer(this.clientToken))
			.json()
			.get("messages");
		assertThat(history.size()).isEqualTo(3);
		assertThat(history.get(1).at("/data/notice").asString()).isEqualTo("crisis");
		assertThat(history.get(2).get("kind").asString()).isEqualTo("TEXT");
	}

	@Test
	void ordinaryAndIdiomaticMessagesOpenNothing() throws Exception {
		StompTestClient kid = connect(this.clientToken);
		kid.sendMessage(this.conversation, UUID.randomUUID().toString(), "ik ga dood van het lachen om die film");
		kid.next("/user/queue/acks");
		kid.sendMessage(this.conversation, UUID.randomUUID().toString(), "this homework is killing me");
		kid.next("/user/queue/acks");

		assertThat(
				this.http.get("/api/caseload/escalations", "Authorization", bearer(this.therapistToken)).json().size())
			.isZero();
		assertThat(this.http
			.get("/api/conversations/" + this.conversation + "/messages", "Authorization", bearer(this.clientToken))
			.json()
			.get("messages")
			.size()).isEqualTo(2);
	}

	@Test
	void moderatorClaimsJoinsWritesNotesAndResolvesAndEveryStepIsAudited() throws Exception {
		StompTestClient kid = connect(this.clientToken);
		kid.sendMessage(this.conversation, UUID.randomUUID().toString(), RISKY);
		kid.next("/user/queue/acks");
		String id = openEscalationOfClient();

		JsonNode detail = this.http.get("/api/escalations/" + id, "Authorization", bearer(this.moderatorToken)).json();
		assertThat(detail.get("status").asString()).isEqualTo("OPEN");
		assertThat(detail.at("/context/0/conversationId").asString()).isEqualTo(this.conversation);
		assertThat(detail.at("/context/0/messages/0/body").asString()).isEqualTo(RISKY);
		JsonNode claimed = post("/api/escalations/" + id + "/claim", "{}", this.moderatorToken).json();
		assertThat(claimed.get("status").asString()).isEqualTo("CLAIMED");
		assertThat(claimed.at("/claimedBy/id").asString()).isEqualTo(this.moderator.value());
		JsonNode joined = post("/api/escalations/" + id + "/join", "{}", this.moderatorToken).json();
		assertThat(joined.get("joinedConversationId").asString()).isEqualTo(this.conversation);
		JsonNode notice = skipTo(kid, "moderator-joined");
		assertThat(notice.at("/data/moderator").asString()).startsWith("Test ");

		StompTestClient mod = connect(this.moderatorToken);
		mod.sendMessage(this.conversation, UUID.randomUUID().toString(), "Hoi, ik ben er. Ben je nu veilig?");
		JsonNode fromModerator = skipTo(kid, null);
		assertThat(fromModerator.get("senderId").asString()).isEqualTo(this.moderator.value());
		assertThat(fromModerator.at("/data/senderRole").asString()).isEqualTo("MODERATOR");
		JsonNode noted = post("/api/escalations/" + id + "/notes", "{\"text\":\"Called back, she is with her mum.\"}",
				this.moderatorToken)
			.json();
		assertThat(noted.at("/notes/0/text").asString()).isEqualTo("Called back, she is with her mum.");
		JsonNode resolved = post("/api/escalations/" + id + "/resolve", "{\"outcome\":\"CONTACTED\"}",
				this.moderatorToken)
			.json();
		assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");
		assertThat(resolved.get("outcome").asString()).isEqualTo("CONTACTED");

		assertThat(skipTo(kid, "moderator-left")).isNotNull();
		mod.sendMessage(this.conversation, UUID.randomUUID().toString(), "still here?");
		assertThat(mod.next("/user/queue/errors").get("code").asString()).isEqualTo("conversation.not-found");
		assertThat(auditedActions()).contains("escalation.view", "escalation.claim", "escalation.join",
				"escalation.note", "escalation.resolve");
		assertThat(
				this.http.get("/api/caseload/escalations", "Authorization", bearer(this.therapistToken)).json().size())
			.isZero();
		JsonNode recent = this.http
			.get("/api/escalations?status=RESOLVED", "Authorization", bearer(this.moderatorToken))
			.json();
		assertThat(recent.findValuesAsString("id")).contains(id);
	}

	@Test
	void contextShowsRecentProgrammeStepsAlsoWhenTheSignalCameFromTheChat() throws Exception {
		String guide = post("/api/enrolments", "{\"programmeId\":\"sleeping-better\"}", this.clientToken).json()
			.get("conversationId")
			.asString();
		StompTestClient kid = connect(this.clientToken);
		kid.sendMessage(this.conversation, UUID.randomUUID().toString(), RISKY);
		kid.next("/user/queue/acks");

		JsonNode context = this.http
			.get("/api/escalations/" + openEscalationOfClient(), "Authorization", bearer(this.moderatorToken))
			.json()
			.get("context");

		assertThat(context.findValuesAsString("conversationId")).containsExactly(this.conversation, guide);
		assertThat(context.get(1).get("kind").asString()).isEqualTo("GUIDE");
		assertThat(context.get(1).at("/messages/0/kind").asString()).isEqualTo("STEP");
	}

	@Test
	void aNewSignalAfterResolutionOpensANewEscalation() throws Exception {
		StompTestClient kid = connect(this.clientToken);
		kid.sendMessage(this.conversation, UUID.randomUUID().toString(), RISKY);
		kid.next("/user/queue/acks");
		String first = openEscalationOfClient();
		post("/api/escalations/" + first + "/claim", "{}", this.moderatorToken);
		post("/api/escalations/" + first + "/resolve", "{\"outcome\":\"FALSE_POSITIVE\"}", this.moderatorToken);

		kid.sendMessage(this.conversation, UUID.randomUUID().toString(), "ik wil er niet meer zijn");
		kid.next("/user/queue/acks");

		String second = openEscalationOfClient();
		assertThat(second).isNotEqualTo(first).endsWith(":2");
	}

	@Test
	void helpButtonOpensAnEscalationAndAnswersWithTheCrisisCard() throws Exception {
		Response response = post("/api/help", "{\"text\":\"Ik ben bang\"}", this.clientToken);

		assertThat(response.status()).isEqualTo(200);
		JsonNode help = response.json();
		assertThat(help.get("status").asString()).isEqualTo("OPEN");
		assertThat(help.at("/crisis/resources").size()).isGreaterThanOrEqualTo(4);
		JsonNode summary = this.http.get("/api/caseload/escalations", "Authorization", bearer(this.therapistToken))
			.json()
			.get(0);
		assertThat(summary.at("/lastSignal/source").asString()).isEqualTo("HELP_BUTTON");
		assertThat(summary.at("/lastSignal/text").asString()).isEqualTo("Ik ben bang");
		JsonNode history = this.http
			.get("/api/conversations/" + this.conversation + "/messages", "Authorization", bearer(this.clientToken))
			.json()
			.get("messages");
		assertThat(history.get(0).at("/data/notice").asString()).isEqualTo("crisis");
		assertThat(post("/api/help", "{}", this.clientToken).json().get("escalationId").asString())
			.isEqualTo(help.get("escalationId").asString());
	}

	@Test
	void therapistEscalatesOwnClientByHandButNotSomeoneElses() {
		Response mine = post("/api/clients/" + this.client.value() + "/escalations",
				"{\"reason\":\"Zei in sessie dat ze een plan heeft\",\"severity\":\"HIGH\"}", this.therapistToken);
		Response other = post("/api/clients/" + this.tokens.account(Role.CLIENT).value() + "/escalations",
				"{\"reason\":\"x\"}", this.therapistToken);
		Response empty = post("/api/clients/" + this.client.value() + "/escalations", "{\"reason\":\"  \"}",
				this.therapistToken);

		assertThat(mine.status()).isEqualTo(200);
		assertThat(mine.json().at("/lastSignal/source").asString()).isEqualTo("THERAPIST");
		assertThat(other.status()).isEqualTo(403);
		assertThat(other.json().get("code").asString()).isEqualTo("client.not-in-caseload");
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.json().get("code").asString()).isEqualTo("escalation.invalid");
	}

	@Test
	void questionnaireRiskItemOpensAnEscalationWithTheCardWhereItWasAnswered() throws Exception {
		StompTestClient kid = connect(this.clientToken);
		this.events.publishEvent(new RiskSignalled(this.client.value(), "e-1", this.conversation, "phq-9:phq9-9", 2,
				java.time.Instant.now(), "PHQ-9", 9, 3));

		JsonNode card = kid.next("/user/queue/messages");
		assertThat(card.at("/data/notice").asString()).isEqualTo("crisis");
		JsonNode summary = this.http.get("/api/caseload/escalations", "Authorization", bearer(this.therapistToken))
			.json()
			.get(0);
		assertThat(summary.at("/lastSignal/source").asString()).isEqualTo("QUESTIONNAIRE");
		assertThat(summary.get("severity").asString()).isEqualTo("HIGH");
		assertThat(summary.at("/lastSignal/text").asString()).isEqualTo("phq-9:phq9-9 = 2");
		assertThat(summary.at("/lastSignal/questionnaire/name").asString()).isEqualTo("PHQ-9");
		assertThat(summary.at("/lastSignal/questionnaire/item").asInt()).isEqualTo(9);
		assertThat(summary.at("/lastSignal/questionnaire/value").asInt()).isEqualTo(2);
		assertThat(summary.at("/lastSignal/questionnaire/max").asInt()).isEqualTo(3);
	}

	@Test
	void refusedModeratorActionsAnswerWithProblemsAndChangeNothing() throws Exception {
		post("/api/help", "{}", this.clientToken);
		String id = openEscalationOfClient();
		String otherModerator = this.tokens.tokenFor(Role.MODERATOR);

		assertThat(post("/api/escalations/" + id + "/join", "{}", this.moderatorToken).json().get("code").asString())
			.isEqualTo("escalation.not-claimed-by-you");
		post("/api/escalations/" + id + "/claim", "{}", this.moderatorToken);
		Response taken = post("/api/escalations/" + id + "/claim", "{}", otherModerator);
		Response noOutcome = post("/api/escalations/" + id + "/resolve", "{}", this.moderatorToken);
		Response badOutcome = post("/api/escalations/" + id + "/resolve", "{\"outcome\":\"SOLVED\"}",
				this.moderatorToken);
		Response notMine = post("/api/escalations/" + id + "/resolve", "{\"outcome\":\"CONTACTED\"}", otherModerator);
		Response emptyNote = post("/api/escalations/" + id + "/notes", "{\"text\":\"\"}", this.moderatorToken);
		Response longNote = post("/api/escalations/" + id + "/notes",
				"{\"text\":\"" + "a".repeat(EscalationService.MAX_TEXT + 1) + "\"}", this.moderatorToken);

		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.json().get("code").asString()).isEqualTo("escalation.already-claimed");
		assertThat(noOutcome.status()).isEqualTo(400);
		assertThat(badOutcome.status()).isEqualTo(400);
		assertThat(notMine.status()).isEqualTo(409);
		assertThat(emptyNote.status()).isEqualTo(400);
		assertThat(longNote.status()).isEqualTo(400);
		assertThat(this.http.get("/api/escalations/nope:1", "Authorization", bearer(this.moderatorToken)).status())
			.isEqualTo(404);
		assertThat(
				this.http.get("/api/escalations?status=LATER", "Authorization", bearer(this.moderatorToken)).status())
			.isEqualTo(400);
		JsonNode after = this.http.get("/api/escalations/" + id, "Authorization", bearer(this.moderatorToken)).json();
		assertThat(after.get("status").asString()).isEqualTo("CLAIMED");
		assertThat(after.get("notes").size()).isZero();
	}

	@Test
	void crisisResourcesArePublicPerCountryAndLanguage() {
		JsonNode netherlands = this.http.get("/api/crisis-resources?country=NL&lang=en").json();
		JsonNode mine = this.http.get("/api/crisis-resources", "Authorization", bearer(this.clientToken)).json();

		assertThat(netherlands.get("country").asString()).isEqualTo("NL");
		assertThat(netherlands.findValuesAsString("phoneLabel")).contains("0800-0113 (113)", "0800-0432", "112");
		assertThat(netherlands.get("intro").asString()).startsWith("It sounds");
		assertThat(mine.get("country").asString()).isEqualTo("BE");
		assertThat(mine.get("language").asString()).isEqualTo("nl");
		assertThat(this.http.get("/api/crisis-resources?country=FR").status()).isEqualTo(400);
	}

	@Test
	void onlyModeratorsSubscribeToTheQueue() throws Exception {
		StompTestClient doc = connect(this.therapistToken);
		doc.subscribe("/topic/escalations");

		assertThat(doc.next("/user/queue/errors").get("code").asString()).isEqualTo("subscription.denied");
	}

	private String openEscalationOfClient() {
		JsonNode open = this.http.get("/api/escalations", "Authorization", bearer(this.moderatorToken)).json();
		for (JsonNode escalation : open) {
			if (escalation.at("/client/id").asString().equals(this.client.value())) {
				return escalation.get("id").asString();
			}
		}
		throw new AssertionError("No open escalation for the client in " + open);
	}

	private List<String> auditedActions() {
		String admin = this.tokens.tokenFor(Role.ADMIN);
		return this.http.get("/api/admin/audit/" + this.client.value(), "Authorization", bearer(admin))
			.json()
			.findValuesAsString("action");
	}

	/** The next message on the client's queue with this notice (or a plain message). */
	private static JsonNode skipTo(StompTestClient stomp, String notice) throws InterruptedException {
		while (true) {
			JsonNode message = stomp.next("/user/queue/messages");
			String found = message.at("/data/notice").isMissingNode() ? null : message.at("/data/notice").asString();
			if ((notice == null) ? (found == null && !"NOTICE".equals(message.get("kind").asString()))
					: notice.equals(found)) {
				return message;
			}
		}
	}

	/** The next escalation event about this test's client (others' may pass by). */
	private JsonNode eventFor(StompTestClient stomp, String destination) throws InterruptedException {
		while (true) {
			JsonNode event = stomp.next(destination);
			if (event.at("/escalation/client/id").asString().equals(this.client.value())) {
				return event;
			}
		}
	}

	private Response post(String path, String json, String token) {
		return this.http.postJson(path, json, "Authorization", bearer(token));
	}

	private StompTestClient connect(String token) throws Exception {
		StompTestClient stomp = StompTestClient.connect(this.port, token).subscribeUserQueues();
		this.open.add(stomp);
		return stomp;
	}

}
