package be.cocon.hostile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.identity.UserId;
import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;
import be.cocon.support.StompTestClient;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accounts and data a fuzz run works on, made through the public API: a client with a
 * therapist, a programme enrolment, a help request, a nudge and a template (the real ids
 * fuzzed requests may use), a moderator, an admin and a client for the admin to act on.
 * Apart from them a sentinel pair (a client and their therapist) with a conversation, a
 * check-in and an enrolment that no fuzzed request may change: its data is read back
 * before and after the run and must be the same.
 */
final class FuzzWorld {

	final int port;

	final UserId client;

	final UserId therapist;

	final UserId moderator;

	final UserId admin;

	/** A client only admin requests act on (disable, assign). */
	final UserId adminVictim;

	final UserId sentinel;

	final UserId sentinelTherapist;

	final Map<Role, String> tokens = new LinkedHashMap<>();

	final String sentinelToken;

	final String sentinelTherapistToken;

	final String therapyConversation;

	final String guideConversation;

	final String sentinelConversation;

	final String enrolment;

	final String sentinelEnrolment;

	final String currentStep;

	final String escalation;

	final String nudge;

	final String template;

	private final HttpTestClient http;

	private final TestTokens testTokens;

	FuzzWorld(int port, TestTokens tokens) throws Exception {
		this.port = port;
		this.testTokens = tokens;
		this.http = new HttpTestClient(port);
		this.client = tokens.account(Role.CLIENT);
		this.therapist = tokens.account(Role.THERAPIST);
		tokens.assign(this.client, this.therapist);
		this.moderator = tokens.account(Role.MODERATOR);
		this.admin = tokens.account(Role.ADMIN);
		this.adminVictim = tokens.account(Role.CLIENT);
		this.tokens.put(Role.CLIENT, tokens.tokenFor(this.client, Role.CLIENT));
		this.tokens.put(Role.THERAPIST, tokens.tokenFor(this.therapist, Role.THERAPIST));
		this.tokens.put(Role.MODERATOR, tokens.tokenFor(this.moderator, Role.MODERATOR));
		this.tokens.put(Role.ADMIN, tokens.tokenFor(this.admin, Role.ADMIN));
		this.sentinel = tokens.account(Role.CLIENT);
		this.sentinelTherapist = tokens.account(Role.THERAPIST);
		tokens.assign(this.sentinel, this.sentinelTherapist);
		this.sentinelToken = tokens.tokenFor(this.sentinel, Role.CLIENT);
		this.sentinelTherapistToken = tokens.tokenFor(this.sentinelTherapist, Role.THERAPIST);

		this.therapyConversation = conversationOf(token(Role.CLIENT), "THERAPY");
		JsonNode enrolled = ok(this.http.postJson("/api/enrolments", "{\"programmeId\":\"stress-and-relaxation\"}",
				"Authorization", bearer(token(Role.CLIENT))));
		this.enrolment = enrolled.get("id").asString();
		this.guideConversation = enrolled.get("conversationId").asString();
		this.currentStep = enrolled.get("currentStepId").asString();
		this.escalation = ok(
				this.http.postJson("/api/help", "{\"text\":\"fuzz run\"}", "Authorization", bearer(token(Role.CLIENT))))
			.get("escalationId")
			.asString();
		this.template = ok(this.http.postJson("/api/nudge-templates", "{\"title\":\"Fuzz\",\"text\":\"Hallo\"}",
				"Authorization", bearer(token(Role.THERAPIST))))
			.get("id")
			.asString();
		this.nudge = ok(this.http.postJson("/api/clients/" + this.client.value() + "/nudges",
				"{\"text\":\"Hoe gaat het?\"}", "Authorization", bearer(token(Role.THERAPIST))))
			.get("id")
			.asString();

		this.sentinelConversation = conversationOf(this.sentinelToken, "THERAPY");
		this.sentinelEnrolment = ok(this.http.postJson("/api/enrolments", "{\"programmeId\":\"worrying-less\"}",
				"Authorization", bearer(this.sentinelToken)))
			.get("id")
			.asString();
		ok(this.http.postJson("/api/checkins", "{\"id\":\"" + UUID.randomUUID() + "\",\"mood\":6,\"stress\":4}",
				"Authorization", bearer(this.sentinelToken)));
		try (StompTestClient kid = StompTestClient.connect(port, this.sentinelToken).subscribeUserQueues();
				StompTestClient doc = StompTestClient.connect(port, this.sentinelTherapistToken)
					.subscribeUserQueues()) {
			for (String body : List.of("Hallo", "Ik sliep slecht deze week.", "Tot dinsdag 🙂")) {
				kid.sendMessage(this.sentinelConversation, UUID.randomUUID().toString(), body);
				kid.next("/user/queue/acks");
			}
			doc.sendMessage(this.sentinelConversation, UUID.randomUUID().toString(), "Dank je, tot dinsdag.");
			doc.next("/user/queue/acks");
		}
	}

	String token(Role role) {
		return this.tokens.get(role);
	}

	/**
	 * What the sentinel pair sees of their own data; the same before and after a run
	 * means no fuzzed request changed it.
	 */
	Map<String, JsonNode> sentinelData() {
		Map<String, JsonNode> data = new LinkedHashMap<>();
		String messages = "/api/conversations/" + this.sentinelConversation + "/messages";
		data.put("client " + messages, ok(this.http.get(messages, "Authorization", bearer(this.sentinelToken))));
		data.put("therapist " + messages,
				ok(this.http.get(messages, "Authorization", bearer(this.sentinelTherapistToken))));
		for (String path : List.of("/api/me", "/api/checkins", "/api/enrolments/" + this.sentinelEnrolment,
				"/api/checkins/reminder")) {
			data.put("client " + path, ok(this.http.get(path, "Authorization", bearer(this.sentinelToken))));
		}
		data.put("therapist /api/caseload",
				ok(this.http.get("/api/caseload", "Authorization", bearer(this.sentinelTherapistToken))));
		return data;
	}

	/**
	 * The server answers its health probe, and a new client's message to their therapist
	 * is stored and acknowledged (a new pair: the fuzzed accounts may have used up their
	 * sends for the minute).
	 */
	void assertHealthy() throws Exception {
		Response health = this.http.get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
		UserId kid = this.testTokens.account(Role.CLIENT);
		this.testTokens.assign(kid, this.testTokens.account(Role.THERAPIST));
		String token = this.testTokens.tokenFor(kid, Role.CLIENT);
		try (StompTestClient stomp = StompTestClient.connect(this.port, token).subscribeUserQueues()) {
			String id = UUID.randomUUID().toString();
			stomp.sendMessage(conversationOf(token, "THERAPY"), id, "Nog steeds hier");
			JsonNode answer = stomp.next("/user/queue/acks");
			assertThat(answer.get("clientMessageId").asString()).isEqualTo(id);
		}
	}

	/** A new client account's token, for cases that must not disturb the others. */
	String newClientToken() {
		return this.testTokens.tokenFor(Role.CLIENT);
	}

	private String conversationOf(String token, String kind) {
		for (JsonNode conversation : ok(this.http.get("/api/conversations", "Authorization", bearer(token)))) {
			if (kind.equals(conversation.get("kind").asString())) {
				return conversation.get("id").asString();
			}
		}
		throw new AssertionError("No " + kind + " conversation");
	}

	private static JsonNode ok(Response response) {
		assertThat(response.status()).as(response.body()).isBetween(200, 299);
		return response.json();
	}

}
