package be.cocon;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.simp.annotation.support.SimpAnnotationMethodMessageHandler;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.identity.UserId;
import be.cocon.support.ApiEndpoints;
import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;
import be.cocon.support.StompTestClient;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every access of staff to a client's data leaves an audit entry the client reads in
 * plain terms at {@code GET /api/me/audit}. The lists below name every REST endpoint and
 * STOMP destination: either the action it records about the client, or why it touches no
 * client's data. A new endpoint in neither list fails
 * {@link #everyRestEndpointIsListed()}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestTokens.class)
class StaffAccessAuditTests {

	/** Endpoints staff call on a client's data, and the action each records. */
	private static final Map<String, String> AUDITED = new LinkedHashMap<>();

	/** Endpoints that touch no client's data as staff, and why. */
	private static final Map<String, String> NOT_CLIENT_DATA = new LinkedHashMap<>();

	/** STOMP application destinations: the action recorded, or why none. */
	private static final Map<String, String> STOMP = new LinkedHashMap<>();

	static {
		AUDITED.put("GET /api/caseload", "caseload.view");
		AUDITED.put("GET /api/caseload/overview", "dashboard.view");
		AUDITED.put("GET /api/caseload/escalations", "escalation.caseload-view");
		AUDITED.put("GET /api/conversations", "conversation.list");
		AUDITED.put("GET /api/conversations/{conversationId}/messages", "conversation.read");
		AUDITED.put("GET /api/clients/{clientId}/enrolments", "programme.view");
		AUDITED.put("POST /api/clients/{clientId}/enrolments", "programme.assign");
		AUDITED.put("POST /api/enrolments/{enrolmentId}/steps/{stepId}/comments", "programme.comment");
		AUDITED.put("GET /api/clients/{clientId}/checkins", "checkin.view");
		AUDITED.put("GET /api/clients/{clientId}/checkins/trends", "checkin.view");
		AUDITED.put("GET /api/clients/{clientId}/nudges", "nudge.view");
		AUDITED.put("POST /api/clients/{clientId}/nudges", "nudge.create");
		AUDITED.put("POST /api/clients/{clientId}/nudges/{nudgeId}/{action:cancel|approve|dismiss}", "nudge.cancel");
		AUDITED.put("GET /api/clients/{clientId}/nudge-settings", "nudge.settings-view");
		AUDITED.put("PUT /api/clients/{clientId}/nudge-settings", "nudge.settings");
		AUDITED.put("POST /api/clients/{clientId}/escalations", "escalation.manual");
		AUDITED.put("GET /api/escalations", "escalation.queue");
		AUDITED.put("GET /api/escalations/{id}", "escalation.view");
		AUDITED.put("POST /api/escalations/{id}/dismiss", "escalation.review-dismiss");
		AUDITED.put("POST /api/escalations/{id}/escalate", "escalation.review-escalate");
		AUDITED.put("POST /api/escalations/{id}/claim", "escalation.claim");
		AUDITED.put("POST /api/escalations/{id}/join", "escalation.join");
		AUDITED.put("POST /api/escalations/{id}/notes", "escalation.note");
		AUDITED.put("POST /api/escalations/{id}/resolve", "escalation.resolve");
		AUDITED.put("GET /api/admin/accounts", "admin.accounts-view");
		AUDITED.put("POST /api/admin/accounts/{id}/disable", "admin.account-disable");
		AUDITED.put("POST /api/admin/accounts/{id}/enable", "admin.account-enable");
		AUDITED.put("PUT /api/admin/clients/{clientId}/therapist", "admin.assign");
		AUDITED.put("DELETE /api/admin/clients/{clientId}/therapist", "admin.unassign");
		AUDITED.put("GET /api/admin/clients/{clientId}/assignments", "admin.assignments-view");
		AUDITED.put("GET /api/admin/audit/{subjectId}", "admin.audit-view");

		NOT_CLIENT_DATA.put("GET /api/me", "the caller's own account");
		NOT_CLIENT_DATA.put("PATCH /api/me", "the caller's own preferences");
		NOT_CLIENT_DATA.put("GET /api/me/audit", "the caller's own audit entries");
		NOT_CLIENT_DATA.put("GET /api/me/export", "clients only: their own data (recorded as their export)");
		NOT_CLIENT_DATA.put("GET /api/me/export/html", "clients only: their own data (recorded as their export)");
		NOT_CLIENT_DATA.put("POST /api/me/erasure", "clients only: their own account");
		NOT_CLIENT_DATA.put("GET /api/push/vapid-public-key", "the server's public key, the same for everyone");
		NOT_CLIENT_DATA.put("PUT /api/push/subscriptions", "the caller's own devices");
		NOT_CLIENT_DATA.put("DELETE /api/push/subscriptions/{deviceId}", "the caller's own devices");
		NOT_CLIENT_DATA.put("GET /api/push/preferences", "the caller's own notification choices");
		NOT_CLIENT_DATA.put("PUT /api/push/preferences", "the caller's own notification choices");
		NOT_CLIENT_DATA.put("GET /api/admin/privacy/keys", "encryption key ids, no person");
		NOT_CLIENT_DATA.put("POST /api/admin/privacy/keys/rotate", "a new encryption key, no person");
		NOT_CLIENT_DATA.put("POST /api/admin/accounts", "creates a staff account (clients sign up themselves)");
		NOT_CLIENT_DATA.put("GET /api/programmes", "the programme catalogue");
		NOT_CLIENT_DATA.put("GET /api/crisis-resources", "crisis lines, public");
		NOT_CLIENT_DATA.put("GET /api/safety/stats", "daily counts, no person");
		NOT_CLIENT_DATA.put("GET /api/nudge-templates", "the therapist's own templates");
		NOT_CLIENT_DATA.put("POST /api/nudge-templates", "the therapist's own templates");
		NOT_CLIENT_DATA.put("DELETE /api/nudge-templates/{templateId}", "the therapist's own templates");
		NOT_CLIENT_DATA.put("POST /api/help", "clients only: their own help request");
		NOT_CLIENT_DATA.put("GET /api/enrolments", "clients only: their own programmes");
		NOT_CLIENT_DATA.put("POST /api/enrolments", "clients only: their own programmes");
		NOT_CLIENT_DATA.put("GET /api/enrolments/{enrolmentId}", "clients only: their own programmes");
		NOT_CLIENT_DATA.put("POST /api/enrolments/{enrolmentId}/answers", "clients only: their own answers");
		NOT_CLIENT_DATA.put("POST /api/enrolments/{enrolmentId}/{action:pause|resume|restart|leave}",
				"clients only: their own programmes");
		NOT_CLIENT_DATA.put("POST /api/checkins", "clients only: their own check-ins");
		NOT_CLIENT_DATA.put("GET /api/checkins", "clients only: their own check-ins");
		NOT_CLIENT_DATA.put("GET /api/checkins/trends", "clients only: their own check-ins");
		NOT_CLIENT_DATA.put("GET /api/checkins/tags", "clients only: their own check-ins");
		NOT_CLIENT_DATA.put("GET /api/checkins/reminder", "clients only: their own reminder");
		NOT_CLIENT_DATA.put("PUT /api/checkins/reminder", "clients only: their own reminder");

		STOMP.put("/conversations/{conversationId}/messages", "conversation.write");
		STOMP.put("/conversations/{conversationId}/typing", "none: a typing signal carries no client data");
		STOMP.put("/conversations/{conversationId}/read", "none: moves the sender's own read marker");
		STOMP.put("/enrolments/{enrolmentId}/answers", "none: clients only, their own answers");
		STOMP.put("/**", "none: an unknown destination is refused");
	}

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	SimpAnnotationMethodMessageHandler stompHandlers;

	@Test
	void everyRestEndpointIsListed() {
		Set<String> endpoints = ApiEndpoints.of(this.mappings);
		Set<String> listed = new HashSet<>(AUDITED.keySet());
		listed.addAll(NOT_CLIENT_DATA.keySet());

		assertThat(AUDITED.keySet()).doesNotContainAnyElementsOf(NOT_CLIENT_DATA.keySet());
		assertThat(endpoints).as("each endpoint is audited or explained").containsExactlyInAnyOrderElementsOf(listed);
	}

	@Test
	void everyStompDestinationIsListed() {
		Set<String> destinations = new TreeSet<>();
		this.stompHandlers.getHandlerMethods()
			.keySet()
			.forEach((info) -> destinations.addAll(info.getDestinationConditions().getPatterns()));

		assertThat(destinations).containsExactlyInAnyOrderElementsOf(STOMP.keySet());
	}

	@Test
	void everyStaffAccessShowsUpForTheClientInPlainTerms() throws Exception {
		try (Cast cast = new Cast()) {
			everyStaffAccessShowsUp(cast);
		}
	}

	private void everyStaffAccessShowsUp(Cast cast) throws Exception {
		StompTestClient kid = cast.connect(cast.clientToken);
		say(kid, cast.therapy, "Hallo, ik wil graag iets vertellen");
		JsonNode enrolment = cast.post("/api/enrolments", "{\"programmeId\":\"stress-and-relaxation\"}",
				cast.clientToken);
		String enrolmentId = enrolment.get("id").asString();
		assertThat(cast.http
			.postJson("/api/enrolments/" + enrolmentId + "/answers", "{\"stepId\":\"welcome\",\"answer\":{}}",
					"Authorization", bearer(cast.clientToken))
			.status()).isEqualTo(200);
		cast.post("/api/checkins", "{\"id\":\"" + UUID.randomUUID() + "\",\"mood\":6,\"stress\":4,\"tags\":[]}",
				cast.clientToken);
		List<String> seen = new ArrayList<>();

		// a moderator reviews two quiet items: dismisses one, escalates the other
		say(kid, cast.therapy, "ik wil gewoon weg van alles");
		String first = cast.openItemOfClient();
		seen.add(expect(cast, cast.moderatorToken, "GET /api/escalations", "", "escalation.queue", cast.moderator));
		seen.add(expect(cast, cast.moderatorToken, "GET /api/escalations/" + first, "", "escalation.view",
				cast.moderator));
		seen.add(expect(cast, cast.moderatorToken, "POST /api/escalations/" + first + "/dismiss",
				"{\"reason\":\"NOT_RISK\"}", "escalation.review-dismiss", cast.moderator));
		say(kid, cast.therapy, "i just want to get away from everything");
		String second = cast.openItemOfClient();
		seen.add(expect(cast, cast.moderatorToken, "POST /api/escalations/" + second + "/escalate",
				"{\"severity\":\"MEDIUM\"}", "escalation.review-escalate", cast.moderator));

		// the therapist opens everything about the client
		String clientPath = "/api/clients/" + cast.client.value();
		seen.add(expect(cast, cast.therapistToken, "GET /api/caseload", "", "caseload.view", cast.therapist));
		seen.add(expect(cast, cast.therapistToken, "GET /api/caseload/overview", "", "dashboard.view", cast.therapist));
		seen.add(expect(cast, cast.therapistToken, "GET /api/caseload/escalations", "", "escalation.caseload-view",
				cast.therapist));
		seen.add(expect(cast, cast.therapistToken, "GET /api/conversations", "", "conversation.list", cast.therapist));
		seen.add(expect(cast, cast.therapistToken, "GET /api/conversations/" + cast.therapy + "/messages", "",
				"conversation.read", cast.therapist));
		seen.add(expect(cast, cast.therapistToken, "GET " + clientPath + "/enrolments", "", "programme.view",
				cast.therapist));
		seen.add(expect(cast, cast.therapistToken, "POST " + clientPath + "/enrolments",
				"{\"programmeId\":\"sleeping-better\"}", "programme.assign", cast.therapist));
		seen.add(expect(cast, cast.therapistToken, "POST /api/enrolments/" + enrolmentId + "/steps/welcome/comments",
				"{\"text\":\"Goed begonnen\",\"run\":1}", "programme.comment", cast.therapist));
		seen.add(expect(cast, cast.therapistToken, "GET " + clientPath + "/checkins", "", "checkin.view",
				cast.therapist));
		seen.add(expect(cast, cast.therapistToken, "GET " + clientPath + "/checkins/trends", "", "checkin.view",
				cast.therapist));
		seen.add(expect(cast, cast.therapistToken, "GET " + clientPath + "/nudges", "", "nudge.view", cast.therapist));
		String later = LocalDateTime.now(ZoneId.of("Europe/Brussels"))
			.plusDays(2)
			.truncatedTo(ChronoUnit.MINUTES)
			.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
		seen.add(expect(cast, cast.therapistToken, "POST " + clientPath + "/nudges",
				"{\"text\":\"Denk aan je oefening\",\"sendAt\":\"" + later.substring(0, 16) + "\"}", "nudge.create",
				cast.therapist));
		String nudgeId = cast.get(clientPath + "/nudges", cast.therapistToken).get(0).get("id").asString();
		seen.add(expect(cast, cast.therapistToken, "POST " + clientPath + "/nudges/" + nudgeId + "/cancel", "",
				"nudge.cancel", cast.therapist));
		seen.add(expect(cast, cast.therapistToken, "GET " + clientPath + "/nudge-settings", "", "nudge.settings-view",
				cast.therapist));
		String settings = cast.get(clientPath + "/nudge-settings", cast.therapistToken).toString();
		seen.add(expect(cast, cast.therapistToken, "PUT " + clientPath + "/nudge-settings", settings, "nudge.settings",
				cast.therapist));
		StompTestClient therapistChat = cast.connect(cast.therapistToken);
		say(therapistChat, cast.therapy, "Fijn dat je schrijft");
		seen.add(assertNewest(cast, "conversation.write", cast.therapist, "therapist"));

		// the moderator handles the escalation and steps into the conversation
		seen.add(expect(cast, cast.moderatorToken, "POST /api/escalations/" + second + "/claim", "", "escalation.claim",
				cast.moderator));
		seen.add(expect(cast, cast.moderatorToken, "POST /api/escalations/" + second + "/join", "", "escalation.join",
				cast.moderator));
		StompTestClient moderatorChat = cast.connect(cast.moderatorToken);
		say(moderatorChat, cast.therapy, "Ik lees even mee");
		seen.add(assertNewest(cast, "conversation.write", cast.moderator, "moderator"));
		cast.get("/api/conversations/" + cast.therapy + "/messages", cast.moderatorToken);
		seen.add(assertNewest(cast, "conversation.read", cast.moderator, "moderator"));
		seen.add(expect(cast, cast.moderatorToken, "POST /api/escalations/" + second + "/notes",
				"{\"text\":\"Gesprek loopt\"}", "escalation.note", cast.moderator));
		seen.add(expect(cast, cast.moderatorToken, "POST /api/escalations/" + second + "/resolve",
				"{\"outcome\":\"CONTACTED\"}", "escalation.resolve", cast.moderator));
		seen.add(expect(cast, cast.therapistToken, "POST " + clientPath + "/escalations",
				"{\"reason\":\"Zorgen na ons gesprek\"}", "escalation.manual", cast.therapist));

		// an admin manages the account
		String adminPath = "/api/admin/clients/" + cast.client.value();
		seen.add(expect(cast, cast.adminToken, "GET /api/admin/accounts?role=CLIENT&q=" + cast.clientUsername, "",
				"admin.accounts-view", cast.admin));
		// while disabled the client cannot look; after the enable both are there
		assertThat(cast.http
			.postJson("/api/admin/accounts/" + cast.client.value() + "/disable", "{}", "Authorization",
					bearer(cast.adminToken))
			.status()).isEqualTo(200);
		seen.add(expect(cast, cast.adminToken, "POST /api/admin/accounts/" + cast.client.value() + "/enable", "",
				"admin.account-enable", cast.admin));
		seen.add(assertNewest(cast, "admin.account-disable", cast.admin, "admin"));
		seen.add(expect(cast, cast.adminToken, "GET " + adminPath + "/assignments", "", "admin.assignments-view",
				cast.admin));
		seen.add(expect(cast, cast.adminToken, "DELETE " + adminPath + "/therapist", "", "admin.unassign", cast.admin));
		seen.add(expect(cast, cast.adminToken, "PUT " + adminPath + "/therapist",
				"{\"therapistId\":\"" + cast.otherTherapist.value() + "\"}", "admin.assign", cast.admin));
		cast.get("/api/admin/audit/" + cast.client.value(), cast.adminToken);
		seen.add(assertNewest(cast, "admin.audit-view", cast.admin, "admin"));

		// the former therapist still reads the conversation they had, as a former
		// therapist
		cast.get("/api/conversations/" + cast.therapy + "/messages", cast.therapistToken);
		seen.add(assertNewest(cast, "conversation.read", cast.therapist, "former-therapist"));

		assertThat(seen).containsAll(AUDITED.values());
		assertThat(seen).contains(STOMP.get("/conversations/{conversationId}/messages"));
		JsonNode page = cast.get("/api/me/audit?limit=50", cast.clientToken);
		List<String> values = new ArrayList<>();
		page.get("items").forEach((item) -> item.at("/actor").forEach((value) -> values.add(value.asString())));
		assertThat(page.get("items").get(0).properties()).extracting(Map.Entry::getKey)
			.containsExactly("id", "at", "action", "actor", "basis");
		assertThat(values).as("who is a pseudonym and a role, never an account id or username")
			.doesNotContainAnyElementsOf(cast.staffUsernames)
			.doesNotContain(cast.therapist.value(), cast.moderator.value(), cast.admin.value());
	}

	@Test
	void pagesWalkBackThroughEveryEntryOnce() {
		Cast cast = new Cast();
		cast.close();
		for (int i = 0; i < 7; i++) {
			cast.get("/api/clients/" + cast.client.value() + "/nudges", cast.therapistToken);
		}

		List<String> ids = new ArrayList<>();
		List<String> times = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			JsonNode page = cast.get("/api/me/audit?limit=3" + ((cursor != null) ? "&before=" + cursor : ""),
					cast.clientToken);
			page.get("items").forEach((item) -> {
				ids.add(item.get("id").asString());
				times.add(item.get("at").asString());
			});
			cursor = page.get("next").isNull() ? null : page.get("next").asString();
			pages++;
		}
		while (cursor != null);

		assertThat(ids).hasSize(7).doesNotHaveDuplicates();
		assertThat(pages).isEqualTo(3);
		assertThat(times).as("newest first")
			.isSortedAccordingTo((a, b) -> java.time.Instant.parse(b).compareTo(java.time.Instant.parse(a)));
	}

	@Test
	void aBadCursorOrLimitIsAProblem() {
		String token = bearer(this.tokens.tokenFor(Role.CLIENT));
		HttpTestClient http = new HttpTestClient(this.port);

		Response cursor = http.get("/api/me/audit?before=not-a-cursor", "Authorization", token);
		Response limit = http.get("/api/me/audit?limit=500", "Authorization", token);

		assertThat(cursor.status()).isEqualTo(400);
		assertThat(cursor.json().get("code").asString()).isEqualTo("audit.invalid-cursor");
		assertThat(limit.status()).isEqualTo(400);
		assertThat(http.get("/api/me/audit", "Authorization", token).json().get("items").size()).isZero();
	}

	/** Calls an endpoint as staff and checks the entry the client now sees first. */
	private static String expect(Cast cast, String token, String call, String json, String action, UserId actor) {
		String[] parts = call.split(" ", 2);
		Response response = switch (parts[0]) {
			case "GET" -> cast.http.get(parts[1], "Authorization", bearer(token));
			case "DELETE" -> cast.http.delete(parts[1], "Authorization", bearer(token));
			case "PUT" -> cast.http.putJson(parts[1], json, "Authorization", bearer(token));
			default -> cast.http.postJson(parts[1], json.isEmpty() ? "{}" : json, "Authorization", bearer(token));
		};
		assertThat(response.status()).as(call + ": " + response.body()).isBetween(200, 299);
		String basis = actor.equals(cast.therapist) ? "therapist"
				: actor.equals(cast.moderator) ? "moderator" : "admin";
		return assertNewest(cast, action, actor, basis);
	}

	/** The client's newest entries include this action by this person, in plain terms. */
	private static String assertNewest(Cast cast, String action, UserId actor, String basis) {
		JsonNode items = cast.get("/api/me/audit?limit=5", cast.clientToken).get("items");
		JsonNode found = null;
		for (JsonNode item : items) {
			if (item.get("action").asString().equals(action)) {
				found = item;
				break;
			}
		}
		assertThat(found).as("an entry " + action + " among " + items).isNotNull();
		assertThat(found.at("/actor/pseudonym").asString()).isEqualTo(cast.pseudonyms.get(actor));
		assertThat(found.at("/actor/role").asString()).isEqualTo(cast.roles.get(actor));
		assertThat(found.get("basis").asString()).isEqualTo(basis);
		assertThat(found.get("at").asString()).isNotBlank();
		return action;
	}

	private static void say(StompTestClient stomp, String conversation, String text) throws InterruptedException {
		String id = UUID.randomUUID().toString();
		stomp.sendMessage(conversation, id, text);
		while (true) {
			JsonNode ack = stomp.next("/user/queue/acks");
			if (id.equals(ack.get("clientMessageId").asString())) {
				return;
			}
		}
	}

	/** A client with a therapist, a moderator and an admin, and their tokens. */
	private final class Cast implements AutoCloseable {

		final HttpTestClient http = new HttpTestClient(StaffAccessAuditTests.this.port);

		final UserId client = StaffAccessAuditTests.this.tokens.account(Role.CLIENT);

		final UserId therapist = StaffAccessAuditTests.this.tokens.account(Role.THERAPIST);

		final UserId otherTherapist = StaffAccessAuditTests.this.tokens.account(Role.THERAPIST);

		final UserId moderator = StaffAccessAuditTests.this.tokens.account(Role.MODERATOR);

		final UserId admin = StaffAccessAuditTests.this.tokens.account(Role.ADMIN);

		final String clientToken = StaffAccessAuditTests.this.tokens.tokenFor(this.client, Role.CLIENT);

		final String therapistToken = StaffAccessAuditTests.this.tokens.tokenFor(this.therapist, Role.THERAPIST);

		final String moderatorToken = StaffAccessAuditTests.this.tokens.tokenFor(this.moderator, Role.MODERATOR);

		final String adminToken = StaffAccessAuditTests.this.tokens.tokenFor(this.admin, Role.ADMIN);

		final String therapy = "therapy-" + this.client.value() + "-" + this.therapist.value();

		final Map<UserId, String> pseudonyms = new LinkedHashMap<>();

		final Map<UserId, String> roles = Map.of(this.therapist, "THERAPIST", this.moderator, "MODERATOR", this.admin,
				"ADMIN");

		final List<String> staffUsernames = new ArrayList<>();

		final String clientUsername;

		private final List<StompTestClient> open = new ArrayList<>();

		Cast() {
			StaffAccessAuditTests.this.tokens.assign(this.client, this.therapist);
			this.clientUsername = get("/api/me", this.clientToken).get("username").asString();
			for (Map.Entry<UserId, String> staff : Map
				.of(this.therapist, this.therapistToken, this.moderator, this.moderatorToken, this.admin,
						this.adminToken)
				.entrySet()) {
				JsonNode me = get("/api/me", staff.getValue());
				this.pseudonyms.put(staff.getKey(), me.get("pseudonym").asString());
				this.staffUsernames.add(me.get("username").asString());
			}
		}

		@Override
		public void close() {
			this.open.forEach(StompTestClient::close);
		}

		StompTestClient connect(String token) throws Exception {
			StompTestClient stomp = StompTestClient.connect(StaffAccessAuditTests.this.port, token);
			this.open.add(stomp);
			stomp.subscribe("/user/queue/acks");
			stomp.subscribe("/user/queue/errors");
			return stomp.awaitSubscribed();
		}

		JsonNode get(String path, String token) {
			Response response = this.http.get(path, "Authorization", bearer(token));
			assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
			return response.json();
		}

		JsonNode post(String path, String json, String token) {
			Response response = this.http.postJson(path, json, "Authorization", bearer(token));
			assertThat(response.status()).as(path + ": " + response.body()).isBetween(200, 201);
			return response.json();
		}

		/** The client's open item in the moderators' queue. */
		String openItemOfClient() {
			for (JsonNode item : get("/api/escalations", this.moderatorToken)) {
				if (item.at("/client/id").asString().equals(this.client.value())) {
					return item.get("id").asString();
				}
			}
			throw new AssertionError("No open item for the client");
		}

	}

}
