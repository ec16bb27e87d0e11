package be.cocon.identity;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/** Account administration and caseloads through the REST API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestTokens.class)
class AdminApiTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	HttpTestClient http;

	String admin;

	@BeforeEach
	void setUp() {
		this.http = new HttpTestClient(this.port);
		this.admin = bearer(this.tokens.tokenFor(Role.ADMIN));
	}

	@Test
	void adminCreatesATherapistWhoCanThenBeFound() {
		Response created = this.http.postJson("/api/admin/accounts",
				"""
						{"username":"dr-lies","pseudonym":"Dr. Lies","password":"a-long-and-unusual-pass","role":"THERAPIST"}""",
				"Authorization", this.admin);

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json().get("roles").get(0).asString()).isEqualTo("THERAPIST");
		JsonNode page = this.http.get("/api/admin/accounts?role=THERAPIST&q=lies", "Authorization", this.admin).json();
		assertThat(page.get("total").asInt()).isEqualTo(1);
		assertThat(page.get("items").get(0).get("username").asString()).isEqualTo("dr-lies");
	}

	@Test
	void clientsCannotBeCreatedByAnAdmin() {
		Response response = this.http.postJson("/api/admin/accounts", """
				{"username":"kid-by-admin","pseudonym":"Kid","password":"a-long-and-unusual-pass","role":"CLIENT"}""",
				"Authorization", this.admin);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("code").asString()).isEqualTo("role.invalid");
	}

	@Test
	void listingPagesAreBounded() {
		assertThat(this.http.get("/api/admin/accounts?size=1000", "Authorization", this.admin).status()).isEqualTo(400);
		JsonNode page = this.http.get("/api/admin/accounts?size=2&page=0", "Authorization", this.admin).json();
		assertThat(page.get("items").size()).isEqualTo(2);
		assertThat(page.get("total").asInt()).isGreaterThan(2);
	}

	@Test
	void disabledAccountCanNoLongerUseItsToken() {
		UserId client = this.tokens.account(Role.CLIENT);
		String token = bearer(this.tokens.tokenFor(client, Role.CLIENT));

		Response disabled = this.http.postJson("/api/admin/accounts/" + client + "/disable", "", "Authorization",
				this.admin);

		assertThat(disabled.json().get("disabledAt").isNull()).isFalse();
		assertThat(this.http.get("/api/me", "Authorization", token).status()).isEqualTo(401);
		this.http.postJson("/api/admin/accounts/" + client + "/enable", "", "Authorization", this.admin);
		assertThat(this.http.get("/api/me", "Authorization", token).status()).isEqualTo(200);
	}

	@Test
	void assignmentMovesTheClientBetweenCaseloadsAndKeepsHistory() {
		UserId client = this.tokens.account(Role.CLIENT);
		UserId first = this.tokens.account(Role.THERAPIST);
		UserId second = this.tokens.account(Role.THERAPIST);

		assertThat(assign(client, first).status()).isEqualTo(200);
		assertThat(caseloadIds(first)).contains(client.value());
		assertThat(assign(client, second).json().get("therapistId").asString()).isEqualTo(second.value());
		assertThat(caseloadIds(first)).doesNotContain(client.value());
		assertThat(caseloadIds(second)).contains(client.value());
		JsonNode me = this.http.get("/api/me", "Authorization", bearer(this.tokens.tokenFor(client, Role.CLIENT)))
			.json();
		assertThat(me.get("therapist").get("id").asString()).isEqualTo(second.value());

		this.http.delete("/api/admin/clients/" + client + "/therapist", "Authorization", this.admin);

		assertThat(caseloadIds(second)).doesNotContain(client.value());
		JsonNode history = this.http.get("/api/admin/clients/" + client + "/assignments", "Authorization", this.admin)
			.json();
		assertThat(history.size()).isEqualTo(2);
		assertThat(history.get(0).get("therapistId").asString()).isEqualTo(first.value());
		assertThat(history.get(0).get("endedAt").isNull()).isFalse();
		assertThat(history.get(1).get("endedAt").isNull()).isFalse();
	}

	@Test
	void onlyATherapistCanBeAssignedAndOnlyToAClient() {
		UserId client = this.tokens.account(Role.CLIENT);
		UserId moderator = this.tokens.account(Role.MODERATOR);

		Response notATherapist = assign(client, moderator);
		Response notAClient = assign(moderator, this.tokens.account(Role.THERAPIST));

		assertThat(notATherapist.json().get("code").asString()).isEqualTo("assignment.not-a-therapist");
		assertThat(notAClient.json().get("code").asString()).isEqualTo("assignment.not-a-client");
	}

	@Test
	void demoTherapistHasTheDemoClientInTheCaseload() {
		String therapistToken = signInAs("demo-therapist");
		JsonNode caseload = this.http.get("/api/caseload", "Authorization", therapistToken).json();

		assertThat(caseload.findValuesAsString("username")).contains("demo-client").doesNotContain("demo-client-2");
	}

	@Test
	void preferencesAreValidatedAndSaved() {
		String token = bearer(this.tokens.tokenFor(Role.CLIENT));

		assertThat(this.http.patchJson("/api/me", "{\"locale\":\"fr\"}", "Authorization", token).status())
			.isEqualTo(400);
		JsonNode me = this.http
			.patchJson("/api/me", "{\"locale\":\"en\",\"timezone\":\"Europe/Amsterdam\"}", "Authorization", token)
			.json();
		assertThat(me.get("locale").asString()).isEqualTo("en");
		assertThat(me.get("timezone").asString()).isEqualTo("Europe/Amsterdam");
	}

	private String signInAs(String username) {
		JsonNode page = this.http.get("/api/admin/accounts?q=" + username, "Authorization", this.admin).json();
		for (JsonNode item : page.get("items")) {
			if (item.get("username").asString().equals(username)) {
				return bearer(this.tokens.tokenFor(new UserId(item.get("id").asString()), Role.THERAPIST));
			}
		}
		throw new IllegalStateException("no account " + username);
	}

	private Response assign(UserId client, UserId therapist) {
		return this.http.putJson("/api/admin/clients/" + client + "/therapist",
				"{\"therapistId\":\"" + therapist + "\"}", "Authorization", this.admin);
	}

	private java.util.List<String> caseloadIds(UserId therapist) {
		return this.http.get("/api/caseload", "Authorization", bearer(this.tokens.tokenFor(therapist, Role.THERAPIST)))
			.json()
			.findValuesAsString("id");
	}

}
