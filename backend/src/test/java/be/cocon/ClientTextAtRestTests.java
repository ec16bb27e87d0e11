package be.cocon;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;

import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.identity.UserId;
import be.cocon.platform.Durability;
import be.cocon.platform.StoreInfo;
import be.cocon.safety.GuaranteedPhrases;
import be.cocon.support.ControlledClock;
import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;
import be.cocon.support.StompTestClient;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No client text can be read in the store: a unique marker is written through every
 * public way that stores text about a client (REST and STOMP, as client, therapist and
 * moderator), read back through the API, and then looked for in every document of every
 * collection (as JSON, through the plain driver) and in the bytes of the embedded store's
 * data file. A new collection or field that keeps such text unencrypted fails here. The
 * account's username, which is stored in plain text on purpose, shows that both searches
 * do find what is there. (Same context as the safety workflow tests: their detector keeps
 * its promises for the review phrases.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cocon.safety.overdue-check-every=1h", "cocon.safety.claim-within=5m",
				"cocon.safety.realert-every=3m" })
@Import({ TestTokens.class, ControlledClock.class, GuaranteedPhrases.class })
class ClientTextAtRestTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String RISKY = "ik wil niet meer leven, ik heb alles al geregeld ";

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Durability durability;

	@Autowired
	StoreInfo store;

	private final Map<String, String> markers = new LinkedHashMap<>();

	private final Random random = new Random();

	private final List<StompTestClient> open = new ArrayList<>();

	private HttpTestClient http;

	@AfterEach
	void close() {
		this.open.forEach(StompTestClient::close);
	}

	@Test
	void noClientTextWrittenThroughTheApiCanBeFoundInTheStore() throws Exception {
		this.http = new HttpTestClient(this.port);
		UserId client = this.tokens.account(Role.CLIENT);
		UserId therapist = this.tokens.account(Role.THERAPIST);
		UserId other = this.tokens.account(Role.CLIENT);
		this.tokens.assign(client, therapist);
		this.tokens.assign(other, therapist);
		String clientToken = this.tokens.tokenFor(client, Role.CLIENT);
		String otherToken = this.tokens.tokenFor(other, Role.CLIENT);
		String therapistToken = this.tokens.tokenFor(therapist, Role.THERAPIST);
		String moderatorToken = this.tokens.tokenFor(Role.MODERATOR);
		String therapy = "therapy-" + client.value() + "-" + therapist.value();
		String control = get("/api/me", clientToken).get("username").asString();
		List<String> readBack = new ArrayList<>();

		// the client and the therapist write in their conversation (STOMP); the risky
		// message opens an escalation with the message as its signal
		StompTestClient kid = connect(clientToken);
		StompTestClient doc = connect(therapistToken);
		say(kid, therapy, RISKY + marker("chat message of the client"));
		say(doc, therapy, "Ik lees je. " + marker("chat message of the therapist"));

		// signals: the therapist escalates with a reason, the client presses the help
		// button with a text, and writes a check-in note
		ok(post("/api/clients/" + client.value() + "/escalations",
				json(Map.of("reason", marker("escalation reason of the therapist"), "severity", "HIGH")),
				therapistToken));
		ok(post("/api/help", json(Map.of("text", marker("help button text"))), clientToken));
		ok(post("/api/checkins", json(Map.of("id", UUID.randomUUID().toString(), "mood", 3, "stress", 8, "tags",
				List.of(), "note", RISKY + marker("check-in note"))), clientToken));

		// a moderator claims the escalation, joins, writes, notes and resolves it
		String escalation = openItemOf(client, moderatorToken);
		ok(post("/api/escalations/" + escalation + "/claim", "{}", moderatorToken));
		String joined = ok(post("/api/escalations/" + escalation + "/join", "{}", moderatorToken))
			.get("joinedConversationId")
			.asString();
		say(connect(moderatorToken), joined, "Ik ben er. " + marker("chat message of the moderator"));
		ok(post("/api/escalations/" + escalation + "/notes", json(Map.of("text", marker("moderator note"))),
				moderatorToken));
		ok(post("/api/escalations/" + escalation + "/resolve",
				json(Map.of("outcome", "CONTACTED", "note", marker("resolution note"))), moderatorToken));
		readBack.add(get("/api/escalations/" + escalation, moderatorToken).toString());

		// review items: one dismissed with a note, one escalated with a note
		StompTestClient otherKid = connect(otherToken);
		String otherTherapy = "therapy-" + other.value() + "-" + therapist.value();
		say(otherKid, otherTherapy, GuaranteedPhrases.REVIEW_NL);
		String review = openItemOf(other, moderatorToken);
		ok(post("/api/escalations/" + review + "/dismiss",
				json(Map.of("reason", "OTHER", "note", marker("note when dismissing a review item"))), moderatorToken));
		readBack.add(get("/api/escalations/" + review, moderatorToken).toString());
		say(otherKid, otherTherapy, GuaranteedPhrases.REVIEW_EN);
		String raised = openItemOf(other, moderatorToken);
		ok(post("/api/escalations/" + raised + "/escalate",
				json(Map.of("severity", "MEDIUM", "note", marker("note when escalating a review item"))),
				moderatorToken));
		readBack.add(get("/api/escalations/" + raised, moderatorToken).toString());

		// a programme: a free-text answer over STOMP, a journal entry over REST, and the
		// therapist's comment on the answer
		JsonNode enrolment = ok(post("/api/enrolments", "{\"programmeId\":\"worrying-less\"}", clientToken));
		String enrolmentId = enrolment.get("id").asString();
		String freeTextStep = answerUntilTextsAreWritten(kid, enrolmentId, clientToken);
		ok(post("/api/enrolments/" + enrolmentId + "/steps/" + freeTextStep + "/comments",
				json(Map.of("text", marker("therapist comment on an answer"), "run", 1)), therapistToken));

		// nudges: one sent now, and a template
		ok(post("/api/clients/" + client.value() + "/nudges", json(Map.of("text", marker("nudge text"))),
				therapistToken));
		ok(post("/api/nudge-templates",
				json(Map.of("title", marker("nudge template title"), "text", marker("nudge template text"))),
				therapistToken));

		// every text is stored and read back whole
		readBack.add(get("/api/conversations/" + therapy + "/messages?limit=100", clientToken).toString());
		readBack.add(get("/api/conversations/" + enrolment.get("conversationId").asString() + "/messages?limit=100",
				clientToken)
			.toString());
		readBack.add(get("/api/conversations", clientToken).toString());
		readBack.add(get("/api/clients/" + client.value() + "/enrolments", therapistToken).toString());
		readBack.add(get("/api/checkins", clientToken).toString());
		readBack.add(get("/api/clients/" + client.value() + "/nudges", therapistToken).toString());
		readBack.add(get("/api/nudge-templates", therapistToken).toString());
		String everythingRead = String.join("\n", readBack);
		this.markers.forEach((what, marker) -> assertThat(everythingRead).as("%s is read back", what).contains(marker));

		this.durability.awaitDurable();
		String stored = everyDocumentAsJson();
		String dataFile = new String(Files.readAllBytes(this.store.dataFolder().orElseThrow().resolve("cocon.mv.db")),
				StandardCharsets.ISO_8859_1);

		assertThat(stored.contains(control)).as("the search through the documents finds what is there").isTrue();
		assertThat(dataFile.contains(control)).as("the search through the data file finds what is there").isTrue();
		List<String> found = new ArrayList<>();
		this.markers.forEach((what, marker) -> {
			if (stored.contains(marker)) {
				found.add(what + " in the documents " + whereIs(marker));
			}
			if (dataFile.contains(marker)) {
				found.add(what + " in the data file");
			}
		});
		assertThat(found).as("client text readable in the store").isEmpty();
	}

	/**
	 * Answers the steps of the enrolment live until its free-text step (answered over
	 * STOMP) and its journal step (answered over REST) carry markers.
	 * @return the id of the free-text step
	 */
	private String answerUntilTextsAreWritten(StompTestClient stomp, String enrolmentId, String token)
			throws Exception {
		String freeText = null;
		boolean journal = false;
		while (freeText == null || !journal) {
			JsonNode step = nextStep(stomp);
			String stepId = step.get("stepId").asString();
			switch (step.get("kind").asString()) {
				case "FREE_TEXT" -> {
					answerLive(stomp, enrolmentId, stepId,
							Map.of("text", "Mijn antwoord: " + marker("free-text answer (STOMP)")));
					freeText = stepId;
				}
				case "JOURNAL" -> {
					ok(post("/api/enrolments/" + enrolmentId + "/answers", json(Map.of("stepId", stepId, "answer",
							Map.of("text", "Vandaag: " + marker("journal entry (REST)")))), token));
					journal = true;
				}
				default -> answerLive(stomp, enrolmentId, stepId, answerFor(step));
			}
		}
		return freeText;
	}

	private static JsonNode nextStep(StompTestClient stomp) throws InterruptedException {
		List<String> seen = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			JsonNode message = stomp.poll("/user/queue/messages", 10_000);
			if (message == null) {
				throw new AssertionError(
						"No next step; errors: " + stomp.poll("/user/queue/errors", 100) + " seen " + seen);
			}
			seen.add(message.path("kind").asString(""));
			if ("STEP".equals(message.path("kind").asString(""))) {
				return message.get("data");
			}
		}
		throw new AssertionError("No step among the last 30 messages");
	}

	private static void answerLive(StompTestClient stomp, String enrolmentId, String stepId,
			Map<String, Object> answer) {
		stomp.send("/app/enrolments/" + enrolmentId + "/answers", json(Map.of("stepId", stepId, "answer", answer)));
	}

	/** A valid answer to a step without free text (the low end of every range). */
	private static Map<String, Object> answerFor(JsonNode step) {
		return switch (step.get("kind").asString()) {
			case "SINGLE_CHOICE" -> Map.of("option", step.get("options").get(0).get("id").asString());
			case "MULTIPLE_CHOICE" -> Map.of("options", List.of(step.get("options").get(0).get("id").asString()));
			case "SCALE", "MOOD" -> Map.of("value", step.get("scale").get("min").asInt() + 4);
			case "TIMER" -> Map.of("completed", true, "secondsSpent", step.get("timer").get("seconds").asInt());
			case "QUESTIONNAIRE" ->
				Map.of("items", java.util.Collections.nCopies(step.get("questionnaire").get("items").size(), 0));
			default -> Map.of();
		};
	}

	private String everyDocumentAsJson() {
		StringBuilder all = new StringBuilder();
		for (String collection : this.mongo.getDb().listCollectionNames()) {
			for (Document document : this.mongo.getDb().getCollection(collection).find()) {
				all.append(collection).append(' ').append(document.toJson()).append('\n');
			}
		}
		return all.toString();
	}

	/** The collections and ids of the documents that hold the marker, for the failure. */
	private String whereIs(String marker) {
		List<String> where = new ArrayList<>();
		for (String collection : this.mongo.getDb().listCollectionNames()) {
			for (Document document : this.mongo.getDb().getCollection(collection).find()) {
				if (document.toJson().contains(marker)) {
					where.add(collection + " " + document.get("_id"));
				}
			}
		}
		return where.toString();
	}

	/** A new unique marker for this way of writing. */
	private String marker(String what) {
		byte[] bytes = new byte[12];
		this.random.nextBytes(bytes);
		String marker = "mk" + HexFormat.of().formatHex(bytes);
		this.markers.put(what, marker);
		return marker;
	}

	private String openItemOf(UserId client, String moderatorToken) {
		for (JsonNode item : get("/api/escalations", moderatorToken)) {
			if (item.at("/client/id").asString().equals(client.value())) {
				return item.get("id").asString();
			}
		}
		throw new AssertionError("No open item for the client");
	}

	private StompTestClient connect(String token) throws Exception {
		StompTestClient stomp = StompTestClient.connect(this.port, token).subscribeUserQueues();
		this.open.add(stomp);
		return stomp;
	}

	/** Sends a message and waits for its acknowledgement (it is stored then). */
	private static void say(StompTestClient stomp, String conversation, String text) throws InterruptedException {
		String id = UUID.randomUUID().toString();
		stomp.sendMessage(conversation, id, text);
		for (int i = 0; i < 20; i++) {
			JsonNode ack = stomp.next("/user/queue/acks");
			if (id.equals(ack.path("clientMessageId").asString(""))) {
				return;
			}
		}
		throw new AssertionError("No acknowledgement for the message");
	}

	private Response post(String path, String body, String token) {
		return this.http.postJson(path, body, "Authorization", bearer(token));
	}

	private JsonNode get(String path, String token) {
		Response response = this.http.get(path, "Authorization", bearer(token));
		assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
		return response.json();
	}

	private static JsonNode ok(Response response) {
		assertThat(response.status()).as(response.body()).isBetween(200, 201);
		return response.json();
	}

	private static String json(Map<String, ?> value) {
		return JSON.writeValueAsString(value);
	}

}
