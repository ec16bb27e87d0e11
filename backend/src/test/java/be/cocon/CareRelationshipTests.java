package be.cocon;

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
 * Access follows the care relationship for every kind of client data: when an admin moves
 * a client to another therapist, the former therapist keeps the therapy conversation up
 * to the move (read only) and loses everything else at once, on REST and on STOMP, while
 * the new therapist gets it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestTokens.class)
class CareRelationshipTests {

	private static final long QUIET_MILLIS = 500;

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	HttpTestClient http;

	UserId client;

	UserId former;

	UserId next;

	String clientToken;

	String formerToken;

	String nextToken;

	String adminToken;

	final List<StompTestClient> open = new ArrayList<>();

	@BeforeEach
	void clientOfATherapist() {
		this.http = new HttpTestClient(this.port);
		this.client = this.tokens.account(Role.CLIENT);
		this.former = this.tokens.account(Role.THERAPIST);
		this.next = this.tokens.account(Role.THERAPIST);
		this.tokens.assign(this.client, this.former);
		this.clientToken = bearer(this.tokens.tokenFor(this.client, Role.CLIENT));
		this.formerToken = bearer(this.tokens.tokenFor(this.former, Role.THERAPIST));
		this.nextToken = bearer(this.tokens.tokenFor(this.next, Role.THERAPIST));
		this.adminToken = bearer(this.tokens.tokenFor(Role.ADMIN));
	}

	@AfterEach
	void closeAll() {
		this.open.forEach(StompTestClient::close);
	}

	@Test
	void theFormerTherapistKeepsTheTherapyHistoryUpToTheMoveAndNobodyWritesThereAfter() throws Exception {
		String therapy = "therapy-" + this.client + "-" + this.former;
		StompTestClient kid = connect(this.clientToken);
		kid.sendMessage(therapy, UUID.randomUUID().toString(), "voor de wissel");
		assertThat(kid.next("/user/queue/acks").get("seq").asLong()).isEqualTo(1);
		StompTestClient formerLive = connect(this.formerToken);

		move(this.next);

		String refusedId = UUID.randomUUID().toString();
		kid.sendMessage(therapy, refusedId, "na de wissel");
		JsonNode refused = kid.next("/user/queue/errors");
		assertThat(refused.get("code").asString()).isEqualTo("conversation.closed");
		assertThat(refused.get("clientMessageId").asString()).isEqualTo(refusedId);
		formerLive.sendMessage(therapy, UUID.randomUUID().toString(), "ben je er nog?");
		assertThat(formerLive.next("/user/queue/errors").get("code").asString()).isEqualTo("conversation.closed");
		assertThat(formerLive.poll("/user/queue/messages", QUIET_MILLIS)).as("nothing new reaches the former therapist")
			.isNull();

		JsonNode history = this.http
			.get("/api/conversations/" + therapy + "/messages", "Authorization", this.formerToken)
			.json();
		assertThat(history.get("lastSeq").asLong()).isEqualTo(1);
		assertThat(history.get("messages").findValuesAsString("body")).containsExactly("voor de wissel");
		JsonNode listed = conversation(this.formerToken, therapy);
		assertThat(listed.get("closedAt").isNull()).as("listed as closed").isFalse();

		String newTherapy = "therapy-" + this.client + "-" + this.next;
		assertThat(conversation(this.clientToken, newTherapy).get("closedAt").isNull()).isTrue();
		kid.sendMessage(newTherapy, UUID.randomUUID().toString(), "hallo nieuwe therapeut");
		assertThat(kid.next("/user/queue/acks").get("conversationId").asString()).isEqualTo(newTherapy);
	}

	@Test
	void aClientWhoComesBackFindsTheEarlierConversationOpenAgain() throws Exception {
		String therapy = "therapy-" + this.client + "-" + this.former;
		move(this.next);
		move(this.former);

		StompTestClient kid = connect(this.clientToken);
		kid.sendMessage(therapy, UUID.randomUUID().toString(), "ik ben terug");

		assertThat(kid.next("/user/queue/acks").get("conversationId").asString()).isEqualTo(therapy);
		assertThat(conversation(this.clientToken, "therapy-" + this.client + "-" + this.next).get("closedAt").isNull())
			.isFalse();
	}

	@Test
	void unassigningAClientClosesTheirTherapyConversation() throws Exception {
		String therapy = "therapy-" + this.client + "-" + this.former;
		Response ended = this.http.delete("/api/admin/clients/" + this.client + "/therapist", "Authorization",
				this.adminToken);
		assertThat(ended.status()).as(ended.body()).isIn(200, 204);

		StompTestClient kid = connect(this.clientToken);
		kid.sendMessage(therapy, UUID.randomUUID().toString(), "hallo?");

		assertThat(kid.next("/user/queue/errors").get("code").asString()).isEqualTo("conversation.closed");
	}

	@Test
	void theFormerTherapistLosesEveryOtherKindOfDataAtOnce() {
		String checkIn = "{\"id\":\"" + UUID.randomUUID() + "\",\"mood\":4,\"stress\":7,\"note\":\"moe\"}";
		assertThat(this.http.postJson("/api/checkins", checkIn, "Authorization", this.clientToken).status()).isIn(200,
				201);
		assertThat(this.http.postJson("/api/help", "{}", "Authorization", this.clientToken).status()).isEqualTo(200);
		assertThat(this.http
			.postJson("/api/clients/" + this.client + "/enrolments", "{\"programmeId\":\"sleeping-better\"}",
					"Authorization", this.formerToken)
			.status()).isEqualTo(201);
		List<String> perClient = List.of("/api/clients/" + this.client + "/checkins",
				"/api/clients/" + this.client + "/checkins/trends", "/api/clients/" + this.client + "/enrolments",
				"/api/clients/" + this.client + "/nudges", "/api/clients/" + this.client + "/nudge-settings");
		for (String path : perClient) {
			assertThat(this.http.get(path, "Authorization", this.formerToken).status()).as("before the move: " + path)
				.isEqualTo(200);
		}
		assertThat(escalationClients(this.formerToken)).contains(this.client.value());
		assertThat(caseloadClients(this.formerToken)).contains(this.client.value());

		move(this.next);

		for (String path : perClient) {
			assertThat(this.http.get(path, "Authorization", this.formerToken).status()).as("former therapist: " + path)
				.isEqualTo(403);
			assertThat(this.http.get(path, "Authorization", this.nextToken).status()).as("new therapist: " + path)
				.isEqualTo(200);
		}
		assertThat(this.http
			.postJson("/api/clients/" + this.client + "/nudges", "{\"text\":\"Hoe gaat het?\"}", "Authorization",
					this.formerToken)
			.status()).isEqualTo(403);
		assertThat(escalationClients(this.formerToken)).doesNotContain(this.client.value());
		assertThat(escalationClients(this.nextToken)).contains(this.client.value());
		assertThat(caseloadClients(this.formerToken)).doesNotContain(this.client.value());
		assertThat(caseloadClients(this.nextToken)).contains(this.client.value());
	}

	private void move(UserId therapist) {
		Response moved = this.http.putJson("/api/admin/clients/" + this.client + "/therapist",
				"{\"therapistId\":\"" + therapist + "\"}", "Authorization", this.adminToken);
		assertThat(moved.status()).as(moved.body()).isEqualTo(200);
	}

	private JsonNode conversation(String token, String id) {
		for (JsonNode conversation : this.http.get("/api/conversations", "Authorization", token).json()) {
			if (conversation.get("id").asString().equals(id)) {
				return conversation;
			}
		}
		throw new AssertionError("conversation " + id + " is not listed");
	}

	private List<String> escalationClients(String token) {
		Response listed = this.http.get("/api/caseload/escalations", "Authorization", token);
		assertThat(listed.status()).as(listed.body()).isEqualTo(200);
		return clientIds(listed.json());
	}

	private List<String> caseloadClients(String token) {
		Response listed = this.http.get("/api/caseload/overview", "Authorization", token);
		assertThat(listed.status()).as(listed.body()).isEqualTo(200);
		return clientIds(listed.json());
	}

	private static List<String> clientIds(JsonNode rows) {
		List<String> ids = new ArrayList<>();
		rows.forEach((row) -> ids.add(row.at("/client/id").asString()));
		return ids;
	}

	private StompTestClient connect(String bearerToken) throws Exception {
		StompTestClient stomp = StompTestClient.connect(this.port, bearerToken.substring("Bearer ".length()))
			.subscribeUserQueues();
		this.open.add(stomp);
		return stomp;
	}

}
