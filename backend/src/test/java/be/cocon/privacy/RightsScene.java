package be.cocon.privacy;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.identity.UserId;
import be.cocon.safety.GuaranteedPhrases;
import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;
import be.cocon.support.MutableClock;
import be.cocon.support.PkceSignIn;
import be.cocon.support.StompTestClient;

import static be.cocon.support.HttpTestClient.bearer;

/**
 * A client who signed up through the public API and did a bit of everything there is to
 * do, with a therapist and a moderator who did their part: the data every module keeps
 * about a client. Names are unusual on purpose, so a search for them finds only them.
 */
final class RightsScene implements AutoCloseable {

	static final String PASSWORD = "a-long-and-unusual-pass-42";

	static final String ACKS = "/user/queue/acks";

	final TestTokens tokens;

	final HttpTestClient http;

	final int port;

	final String username;

	final String pseudonym;

	final String clientId;

	final String accessToken;

	final String refreshToken;

	final PkceSignIn flow;

	final UserId therapist;

	final String therapistToken;

	final UserId moderator;

	final String moderatorToken;

	final String adminToken;

	final String therapy;

	private final List<StompTestClient> open = new ArrayList<>();

	/** Signs a new client up (in this language) and has an admin assign a therapist. */
	RightsScene(TestTokens tokens, int port, String locale) {
		this.tokens = tokens;
		this.port = port;
		this.http = new HttpTestClient(port);
		String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		this.username = "wren-" + tag;
		this.pseudonym = "Quillon" + tag.substring(0, 6);
		this.flow = new PkceSignIn(port);
		HttpTestClient browser = this.flow.browser();
		browser.get("/auth/csrf");
		Response signup = browser.postJson("/auth/signup",
				"""
						{"username":"%s","pseudonym":"%s","password":"%s","minimumAgeConfirmed":true,
						 "houseRulesAccepted":true,"houseRulesVersion":"2026-11","locale":"%s","timezone":"Europe/Brussels"}"""
					.formatted(this.username, this.pseudonym, PASSWORD, locale),
				"X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"));
		expect(signup, 201);
		this.clientId = signup.json().get("id").asString();
		JsonNode signedIn = this.flow.exchange(this.flow.codeFromSession()).json();
		this.accessToken = signedIn.get("access_token").asString();
		this.refreshToken = signedIn.get("refresh_token").asString();
		this.therapist = tokens.account(Role.THERAPIST);
		this.therapistToken = tokens.tokenFor(this.therapist, Role.THERAPIST);
		this.moderator = tokens.account(Role.MODERATOR);
		this.moderatorToken = tokens.tokenFor(this.moderator, Role.MODERATOR);
		this.adminToken = tokens.tokenFor(Role.ADMIN);
		expect(this.http.putJson("/api/admin/clients/" + this.clientId + "/therapist",
				"{\"therapistId\":\"" + this.therapist.value() + "\"}", "Authorization", bearer(this.adminToken)), 200);
		this.therapy = "therapy-" + this.clientId + "-" + this.therapist.value();
	}

	/**
	 * Chat with the therapist, a risky message handled by a moderator to the end, an
	 * uncertain message left for review, a programme with a questionnaire and a
	 * therapist's comment, a check-in with a note and a daily reminder, nudges (sent,
	 * planned, adaptive settings), the therapist's audited looks, a failed sign-in and an
	 * export.
	 */
	RightsScene everything(MutableClock clock) throws Exception {
		StompTestClient client = connect(this.accessToken);
		StompTestClient therapistChat = connect(this.therapistToken);
		say(client, this.therapy, "Vandaag was zwaar <b>echt</b> & \"leeg\"");
		say(therapistChat, this.therapy, "Dag " + this.pseudonym + ", fijn dat je schrijft.");
		say(client, this.therapy, GuaranteedPhrases.HIGH);
		String escalation = openItem();
		expect(moderate(escalation, "claim", "{}"), 200);
		expect(moderate(escalation, "join", "{}"), 200);
		expect(moderate(escalation, "notes", "{\"text\":\"Gebeld met " + this.pseudonym + "\"}"), 200);
		expect(moderate(escalation, "resolve", "{\"outcome\":\"CONTACTED\",\"note\":\"" + this.username + " ok\"}"),
				200);
		say(client, this.therapy, GuaranteedPhrases.REVIEW_NL);

		String enrolment = post("/api/enrolments", "{\"programmeId\":\"sleeping-better\"}", this.accessToken, 201)
			.get("id")
			.asString();
		post("/api/enrolments/" + enrolment + "/answers", "{\"stepId\":\"welcome\",\"answer\":{}}", this.accessToken,
				200);
		post("/api/enrolments/" + enrolment + "/answers",
				"{\"stepId\":\"phq9\",\"answer\":{\"items\":[1,1,1,1,1,1,1,1,0]}}", this.accessToken, 200);
		post("/api/enrolments/" + enrolment + "/steps/phq9/comments",
				"{\"text\":\"Goed gedaan " + this.pseudonym + "\",\"run\":1}", this.therapistToken, 201);
		expect(get("/api/clients/" + this.clientId + "/enrolments", this.therapistToken), 200);

		post("/api/checkins",
				"{\"id\":\"" + UUID.randomUUID()
						+ "\",\"mood\":6,\"stress\":4,\"tags\":[\"school\"],\"note\":\"Toets gehaald, " + this.pseudonym
						+ "!\"}",
				this.accessToken, 201);
		expect(this.http.putJson("/api/checkins/reminder", "{\"enabled\":true,\"time\":\"19:00\"}", "Authorization",
				bearer(this.accessToken)), 200);
		expect(this.http.putJson("/api/push/subscriptions",
				"""
						{"endpoint":"https://fcm.googleapis.com/fcm/send/rights-scene",
						 "keys":{"p256dh":"BPcQ0pnJYxWXOyP3bN9h8kqJzzSZJXtlwvrb3a5nV7Y6vG0HGp9o6cQ6S0nSx0tQdWq1m3cAQb4yS1H0xq6t9zM",
						 "auth":"q2V3nq8hZ6yUu0pW0Yq1Nw"}}""",
				"Authorization", bearer(this.accessToken)), 200);
		expect(get("/api/clients/" + this.clientId + "/checkins", this.therapistToken), 200);

		post("/api/clients/" + this.clientId + "/nudges", "{\"text\":\"Hoi " + this.pseudonym + ", succes vandaag!\"}",
				this.therapistToken, 201);
		String later = LocalDateTime.ofInstant(clock.instant(), ZoneId.of("Europe/Brussels"))
			.plusDays(1)
			.withHour(17)
			.withMinute(30)
			.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
		post("/api/clients/" + this.clientId + "/nudges",
				"{\"text\":\"Denk aan je oefening\",\"sendAt\":\"" + later + "\"}", this.therapistToken, 201);
		expect(this.http.putJson("/api/clients/" + this.clientId + "/nudge-settings", """
				{"enabled":true,"mode":"SUGGEST","inactiveDays":3,"stalledDays":4,"missedCheckinDays":3,
				 "quietStart":"22:00","quietEnd":"08:00","minHoursBetween":48}""", "Authorization",
				bearer(this.therapistToken)), 200);
		expect(get("/api/caseload/overview", this.therapistToken), 200);

		expect(new PkceSignIn(this.port).login(this.username, "not-the-password"), 302);
		expect(get("/api/me/export", this.accessToken), 200);
		return this;
	}

	/** The id of the client's unresolved item in the moderators' queue. */
	String openItem() {
		for (JsonNode item : get("/api/escalations", this.moderatorToken).json()) {
			if (item.at("/client/id").asString().equals(this.clientId)) {
				return item.get("id").asString();
			}
		}
		throw new AssertionError("No open item for the client");
	}

	/** Claims and resolves the client's unresolved item as the moderator. */
	void resolveOpenItem() {
		String id = openItem();
		expect(moderate(id, "claim", "{}"), 200);
		expect(moderate(id, "resolve", "{\"outcome\":\"FALSE_POSITIVE\"}"), 200);
	}

	Response moderate(String id, String action, String json) {
		return this.http.postJson("/api/escalations/" + id + "/" + action, json, "Authorization",
				bearer(this.moderatorToken));
	}

	StompTestClient connect(String token) throws Exception {
		StompTestClient stomp = StompTestClient.connect(this.port, token).subscribeUserQueues();
		this.open.add(stomp);
		return stomp;
	}

	/** Sends a message and waits for its acknowledgement. */
	static void say(StompTestClient stomp, String conversation, String text) throws InterruptedException {
		String id = UUID.randomUUID().toString();
		stomp.sendMessage(conversation, id, text);
		while (true) {
			JsonNode ack = stomp.next(ACKS);
			if (id.equals(ack.get("clientMessageId").asString())) {
				return;
			}
		}
	}

	Response erase(String password) {
		return this.http.postJson("/api/me/erasure", (password != null) ? "{\"password\":\"" + password + "\"}" : "{}",
				"Authorization", bearer(this.accessToken));
	}

	Response get(String path, String token) {
		return this.http.get(path, "Authorization", bearer(token));
	}

	JsonNode post(String path, String json, String token, int status) {
		Response response = this.http.postJson(path, json, "Authorization", bearer(token));
		expect(response, status);
		return response.json();
	}

	static Response expect(Response response, int status) {
		if (response.status() != status) {
			throw new AssertionError("Expected " + status + " but got " + response.status() + ": " + response.body());
		}
		return response;
	}

	@Override
	public void close() {
		this.open.forEach(StompTestClient::close);
	}

}
