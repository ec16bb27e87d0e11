package be.cocon.safety;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.safety.RiskDetector.Turn;
import be.cocon.support.ControlledClock;
import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;
import be.cocon.support.MutableClock;
import be.cocon.support.StompTestClient;

import static be.cocon.safety.Scene.MESSAGES;
import static be.cocon.safety.Scene.MODERATOR_EVENTS;
import static be.cocon.safety.Scene.THERAPIST_EVENTS;
import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uncertain messages (severity REVIEW) become quiet review items: no crisis card, no
 * therapist alert, no overdue alerts; a moderator dismisses them with a reason or
 * escalates them, and a later HIGH or MEDIUM signal raises them. The detector is the
 * test's ({@link GuaranteedPhrases}): this is about the workflow, not about detection.
 * (Same context as {@link OverdueAlertTests}: the overdue check runs only when a test
 * calls it, with a clock the test moves.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cocon.safety.overdue-check-every=1h", "cocon.safety.claim-within=5m",
				"cocon.safety.realert-every=3m" })
@Import({ TestTokens.class, ControlledClock.class, GuaranteedPhrases.class })
class ReviewItemTests {

	static final int MODERATORS = 6;

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	MutableClock clock;

	@Autowired
	OverdueAlerts alerts;

	@Autowired
	GuaranteedPhrases.Recording detector;

	Scene scene;

	@BeforeEach
	void scene() {
		this.scene = new Scene(this.tokens, this.port);
	}

	@AfterEach
	void close() {
		this.scene.close();
	}

	@Test
	void anUncertainMessageOpensAQuietReviewItemThatALaterHighSignalRaises() throws Exception {
		StompTestClient kid = this.scene.connect(this.scene.clientToken);
		StompTestClient doc = this.scene.connect(this.scene.therapistToken, THERAPIST_EVENTS);
		StompTestClient mod = this.scene.connect(this.scene.moderatorToken, MODERATOR_EVENTS);

		this.scene.say(kid, GuaranteedPhrases.REVIEW_NL);

		JsonNode opened = this.scene.nextEvent(mod, MODERATOR_EVENTS);
		assertThat(opened.get("type").asString()).isEqualTo("OPENED");
		assertThat(opened.at("/escalation/severity").asString()).isEqualTo("REVIEW");
		assertThat(opened.at("/escalation/escalatedFromReview").asBoolean()).isFalse();
		JsonNode signal = opened.at("/escalation/lastSignal");
		assertThat(signal.get("source").asString()).isEqualTo("CHAT_MESSAGE");
		assertThat(strings(signal.get("reasons"))).containsExactly("passive-wish", "uncertain");
		assertThat(signal.at("/highlights/0/start").asInt()).isEqualTo(14);
		assertThat(signal.at("/highlights/0/end").asInt()).isEqualTo(27);
		assertThat(signal.get("questionnaire").isNull()).isTrue();
		assertThat(signal.get("contextUsed").asBoolean()).isFalse();
		String id = opened.at("/escalation/id").asString();
		// the card would have come before the ack: there is none
		assertThat(this.scene.history().size()).isEqualTo(1);
		assertThat(this.scene.get("/api/caseload/escalations", this.scene.therapistToken).json().size()).isZero();
		assertThat(this.scene.openItem()).isEqualTo(id);

		this.clock.advance(Duration.ofMinutes(30));
		this.alerts.check();
		JsonNode waiting = this.scene.item(id);
		assertThat(waiting.get("overdue").asBoolean()).isFalse();
		assertThat(waiting.get("alerts").asInt()).isZero();

		this.scene.say(kid, GuaranteedPhrases.HIGH);

		JsonNode raised = this.scene.nextEvent(mod, MODERATOR_EVENTS);
		assertThat(raised.get("type").asString()).as("no OVERDUE came before").isEqualTo("SIGNAL");
		assertThat(raised.at("/escalation/id").asString()).isEqualTo(id);
		assertThat(raised.at("/escalation/severity").asString()).isEqualTo("HIGH");
		assertThat(raised.at("/escalation/escalatedFromReview").asBoolean()).isTrue();
		JsonNode alerted = this.scene.nextEvent(doc, THERAPIST_EVENTS);
		assertThat(alerted.get("type").asString()).as("the therapist heard nothing of the review item")
			.isEqualTo("OPENED");
		assertThat(alerted.at("/escalation/severity").asString()).isEqualTo("HIGH");
		JsonNode history = this.scene.history();
		assertThat(history.size()).isEqualTo(3);
		assertThat(history.get(2).at("/data/notice").asString()).isEqualTo("crisis");
		assertThat(this.scene.get("/api/caseload/escalations", this.scene.therapistToken).json().size()).isEqualTo(1);

		// the overdue clock starts at the raise, not at the review item's opening
		this.clock.advance(Duration.ofMinutes(4).plusSeconds(59));
		this.alerts.check();
		assertThat(this.scene.item(id).get("overdue").asBoolean()).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		this.alerts.check();
		assertThat(this.scene.item(id).get("overdue").asBoolean()).isTrue();
	}

	@Test
	void theDetectorReadsAMessageWithTheRecentMessagesOfBothSides() throws Exception {
		StompTestClient kid = this.scene.connect(this.scene.clientToken);
		StompTestClient doc = this.scene.connect(this.scene.therapistToken);
		this.scene.say(kid, "hoi");
		this.scene.say(doc, "Hoe gaat het vandaag?");
		this.scene.say(kid, "Ik wil gewoon weg van alles");

		assertThat(this.detector.earlierOf("Ik wil gewoon weg van alles")).containsExactly(new Turn("hoi", true),
				new Turn("Hoe gaat het vandaag?", false));

		this.clock.advance(Duration.ofMinutes(31));
		this.scene.say(kid, "I just want to get away from everything");
		assertThat(this.detector.earlierOf("I just want to get away from everything")).isEmpty();
	}

	@Test
	void aModeratorDismissesAReviewItemWithAReasonAndItIsAudited() throws Exception {
		StompTestClient kid = this.scene.connect(this.scene.clientToken);
		StompTestClient mod = this.scene.connect(this.scene.moderatorToken, MODERATOR_EVENTS);
		this.scene.say(kid, GuaranteedPhrases.REVIEW_EN);
		String id = this.scene.nextEvent(mod, MODERATOR_EVENTS).at("/escalation/id").asString();

		assertInvalid(dismiss(id, "{}"), "reason");
		assertInvalid(dismiss(id, "{\"reason\":\"SOLVED\"}"), "reason");
		assertInvalid(dismiss(id, "{\"reason\":\"OTHER\"}"), "note");
		assertInvalid(dismiss(id, "{\"reason\":\"OTHER\",\"note\":\"   \"}"), "note");
		assertInvalid(dismiss(id, "{\"reason\":\"NOT_RISK\",\"note\":\"" + "a".repeat(1001) + "\"}"), "note");
		assertInvalid(dismiss(id, "not json"), "body");
		assertProblem(dismiss("nobody:1", "{\"reason\":\"NOT_RISK\"}"), 404, "escalation.not-found");
		Response dismissed = dismiss(id, "{\"reason\":\"OTHER\",\"note\":\"Lyrics of a song she likes.\"}");

		assertThat(dismissed.status()).isEqualTo(200);
		JsonNode detail = dismissed.json();
		assertThat(detail.get("status").asString()).isEqualTo("RESOLVED");
		assertThat(detail.get("outcome").asString()).isEqualTo("DISMISSED");
		assertThat(detail.get("dismissReason").asString()).isEqualTo("OTHER");
		assertThat(detail.get("resolutionNote").asString()).isEqualTo("Lyrics of a song she likes.");
		JsonNode event = this.scene.nextEvent(mod, MODERATOR_EVENTS);
		assertThat(event.get("type").asString()).isEqualTo("DISMISSED");
		assertThat(event.at("/escalation/dismissReason").asString()).isEqualTo("OTHER");
		assertThat(this.scene.audited()).contains("escalation.review-dismiss");
		assertProblem(dismiss(id, "{\"reason\":\"NOT_RISK\"}"), 409, "escalation.resolved");
		assertProblem(escalate(id, "{\"severity\":\"HIGH\"}"), 409, "escalation.resolved");
		JsonNode recent = this.scene.get("/api/escalations?status=RESOLVED", this.scene.moderatorToken).json();
		assertThat(recent.findValuesAsString("id")).contains(id);

		// the next uncertain message opens a new review item
		this.scene.say(kid, GuaranteedPhrases.REVIEW_EN);
		assertThat(this.scene.openItem()).isNotEqualTo(id).endsWith(":2");
	}

	@Test
	void onlyReviewItemsCanBeDismissedOrEscalated() {
		String id = this.scene.post("/api/help", "{}", this.scene.clientToken).json().get("escalationId").asString();

		assertProblem(dismiss(id, "{\"reason\":\"NOT_RISK\"}"), 409, "escalation.not-review");
		assertProblem(escalate(id, "{\"severity\":\"MEDIUM\"}"), 409, "escalation.not-review");
		assertProblem(escalate("nobody:1", "{\"severity\":\"MEDIUM\"}"), 404, "escalation.not-found");
		assertThat(this.scene.item(id).get("severity").asString()).isEqualTo("HIGH");
		this.scene.post("/api/escalations/" + id + "/claim", "{}", this.scene.moderatorToken);
		assertProblem(this.scene.post("/api/escalations/" + id + "/resolve", "{\"outcome\":\"DISMISSED\"}",
				this.scene.moderatorToken), 400, "escalation.invalid");
	}

	@Test
	void ofModeratorsDismissingAndEscalatingOneItemAtOnceExactlyOneWins() throws Exception {
		this.scene.say(this.scene.connect(this.scene.clientToken), GuaranteedPhrases.REVIEW_NL);
		String id = this.scene.openItem();
		List<Callable<Response>> actions = new ArrayList<>();
		CountDownLatch ready = new CountDownLatch(MODERATORS);
		for (int i = 0; i < MODERATORS; i++) {
			String token = this.tokens.tokenFor(Role.MODERATOR);
			String action = (i % 2 == 0) ? "/dismiss" : "/escalate";
			String body = (i % 2 == 0) ? "{\"reason\":\"NOT_RISK\"}" : "{\"severity\":\"MEDIUM\"}";
			actions.add(() -> {
				HttpTestClient own = new HttpTestClient(this.port);
				ready.countDown();
				ready.await();
				return own.postJson("/api/escalations/" + id + action, body, "Authorization", bearer(token));
			});
		}

		List<Response> answers = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(MODERATORS);
		try {
			for (Future<Response> answer : pool.invokeAll(actions)) {
				answers.add(answer.get());
			}
		}
		finally {
			pool.shutdown();
		}

		assertThat(answers).filteredOn((answer) -> answer.status() == 200).hasSize(1);
		assertThat(answers).filteredOn((answer) -> answer.status() == 409).hasSize(MODERATORS - 1);
		JsonNode after = this.scene.item(id);
		boolean dismissed = "DISMISSED".equals(after.path("outcome").asString(""));
		assertThat(after.get("escalatedFromReview").asBoolean()).isNotEqualTo(dismissed);
		assertThat(this.scene.audited())
			.containsOnlyOnce(dismissed ? "escalation.review-dismiss" : "escalation.review-escalate");
	}

	@Test
	void aModeratorEscalatesAReviewItemAndTheClientSeesTheCardAndTheTherapistIsAlerted() throws Exception {
		StompTestClient kid = this.scene.connect(this.scene.clientToken);
		StompTestClient doc = this.scene.connect(this.scene.therapistToken, THERAPIST_EVENTS);
		StompTestClient mod = this.scene.connect(this.scene.moderatorToken, MODERATOR_EVENTS);
		JsonNode said = this.scene.say(kid, GuaranteedPhrases.REVIEW_NL);
		String id = this.scene.nextEvent(mod, MODERATOR_EVENTS).at("/escalation/id").asString();
		assertThat(kid.next(MESSAGES).get("seq").asLong()).isEqualTo(said.get("seq").asLong());
		this.scene.post("/api/escalations/" + id + "/claim", "{}", this.scene.moderatorToken);
		assertThat(this.scene.nextEvent(mod, MODERATOR_EVENTS).get("type").asString()).isEqualTo("CLAIMED");

		assertInvalid(escalate(id, "{}"), "severity");
		assertInvalid(escalate(id, "{\"severity\":\"REVIEW\"}"), "severity");
		assertInvalid(escalate(id, "{\"severity\":\"HIGH\",\"note\":\"\"}"), "note");
		String other = this.tokens.tokenFor(Role.MODERATOR);
		Response escalated = this.scene.post("/api/escalations/" + id + "/escalate",
				"{\"severity\":\"HIGH\",\"note\":\"She wrote more in her journal.\"}", other);

		assertThat(escalated.status()).isEqualTo(200);
		JsonNode detail = escalated.json();
		assertThat(detail.get("severity").asString()).isEqualTo("HIGH");
		assertThat(detail.get("escalatedFromReview").asBoolean()).isTrue();
		assertThat(detail.get("status").asString()).as("still claimed").isEqualTo("CLAIMED");
		assertThat(detail.at("/notes/0/text").asString()).isEqualTo("She wrote more in her journal.");
		JsonNode card = kid.next(MESSAGES);
		assertThat(card.get("kind").asString()).isEqualTo("NOTICE");
		assertThat(card.at("/data/notice").asString()).isEqualTo("crisis");
		assertThat(card.get("conversationId").asString()).isEqualTo(this.scene.conversation);
		JsonNode alerted = this.scene.nextEvent(doc, THERAPIST_EVENTS);
		assertThat(alerted.get("type").asString()).isEqualTo("OPENED");
		assertThat(alerted.at("/escalation/id").asString()).isEqualTo(id);
		JsonNode event = this.scene.nextEvent(mod, MODERATOR_EVENTS);
		assertThat(event.get("type").asString()).isEqualTo("ESCALATED");
		assertThat(event.at("/escalation/severity").asString()).isEqualTo("HIGH");
		JsonNode caseload = this.scene.get("/api/caseload/escalations", this.scene.therapistToken).json();
		assertThat(caseload.size()).isEqualTo(1);
		assertThat(caseload.get(0).get("id").asString()).isEqualTo(id);
		assertThat(this.scene.audited()).contains("escalation.review-escalate");
		assertProblem(escalate(id, "{\"severity\":\"HIGH\"}"), 409, "escalation.not-review");
	}

	private Response dismiss(String id, String json) {
		return this.scene.post("/api/escalations/" + id + "/dismiss", json, this.scene.moderatorToken);
	}

	private Response escalate(String id, String json) {
		return this.scene.post("/api/escalations/" + id + "/escalate", json, this.scene.moderatorToken);
	}

	private static void assertInvalid(Response response, String field) {
		assertProblem(response, 400, "escalation.invalid");
		assertThat(response.json().get("errors").findValuesAsString("field")).contains(field);
	}

	private static void assertProblem(Response response, int status, String code) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.json().get("code").asString()).isEqualTo(code);
	}

	private static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		array.forEach((value) -> strings.add(value.asString()));
		return strings;
	}

}
