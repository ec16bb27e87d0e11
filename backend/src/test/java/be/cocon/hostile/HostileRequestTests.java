package be.cocon.hostile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import be.cocon.hostile.RestOperations.Operation;
import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.identity.UserId;
import be.cocon.support.Hostile;
import be.cocon.support.LogRecorder;
import be.cocon.support.RawHttp;
import be.cocon.support.RawHttp.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the REST API answers to requests that are hostile in their form rather than their
 * content: ids that cannot be ids, content types and Accept headers that cannot be used,
 * requests the container refuses before the application, origins that may not call,
 * methods a path does not take. Every answer is a 4xx problem detail and nothing is
 * logged at ERROR.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestTokens.class)
class HostileRequestTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Test
	void aClientIdOverAHundredAndTwentyEightCharactersIsA400ProblemOnEveryClientPath() throws Exception {
		String therapist = this.tokens.tokenFor(Role.THERAPIST);
		String admin = this.tokens.tokenFor(Role.ADMIN);
		String tooLong = "a".repeat(129);
		try (LogRecorder log = LogRecorder.onRoot()) {
			for (Operation operation : operations()) {
				if (!operation.path().contains("{clientId}")) {
					continue;
				}
				String token = operation.path().startsWith("/api/admin/") ? admin : therapist;
				Reply reply = send(operation, Map.of("clientId", tooLong), token);

				assertThat(reply.status()).as(operation.toString()).isEqualTo(400);
				assertThat(problem(reply).get("code").asString()).as(operation.toString())
					.isEqualTo("request.invalid-id");
			}
			assertThat(log.errors()).isEmpty();
		}
	}

	@Test
	void everyPathVariableThatCannotBeAnIdIsA400ProblemForEveryCaller() throws Exception {
		Map<Role, String> callers = Map.of(Role.CLIENT, this.tokens.tokenFor(Role.CLIENT), Role.THERAPIST,
				this.tokens.tokenFor(Role.THERAPIST), Role.MODERATOR, this.tokens.tokenFor(Role.MODERATOR), Role.ADMIN,
				this.tokens.tokenFor(Role.ADMIN));
		try (LogRecorder log = LogRecorder.onRoot()) {
			for (Operation operation : operations()) {
				for (var variable : operation.in("path")) {
					if (variable.name().equals("action")) {
						// not an id but one of a few words; anything else is no route
						// (404)
						continue;
					}
					for (String bad : List.of("%20", "%20%20%20", "a".repeat(129), "x%01y", "%E2%80%A8%09")) {
						List<Integer> statuses = new ArrayList<>();
						for (String token : callers.values()) {
							Reply reply = send(operation, Map.of(variable.name(), bad), token);
							statuses.add(reply.status());
							String what = operation + " " + variable.name() + "=" + bad;
							assertThat(reply.status()).as(what).isIn(400, 401, 403);
							if (reply.status() == 400) {
								// refused by the app, or (control characters) by the
								// firewall first
								assertThat(problem(reply).path("code").asString("")).as(what)
									.isIn("request.invalid-id", "request.rejected");
							}
						}
						assertThat(statuses).as(operation + " answers someone 400").contains(400);
					}
				}
			}
			assertThat(log.errors()).isEmpty();
		}
	}

	@Test
	void aContentTypeThatIsNotOneConcreteMediaTypeIsA415Problem() {
		String client = this.tokens.tokenFor(Role.CLIENT);
		for (String type : List.of("*/*", "application/*", "not a type", "application/json;;;=")) {
			Reply reply = RawHttp.send(this.port, "POST", "/api/checkins".getBytes(StandardCharsets.US_ASCII),
					List.of(new String[][] { { "Authorization", "Bearer " + client }, { "Content-Type", type } }),
					"{}".getBytes(StandardCharsets.UTF_8));

			assertThat(reply.status()).as(type).isEqualTo(415);
			assertThat(problem(reply).get("status").asInt()).isEqualTo(415);
		}
	}

	@Test
	void anAcceptHeaderThatCannotBeParsedStillGetsAProblemDetail() {
		Reply reply = RawHttp.send(this.port, "GET", "/api/me".getBytes(StandardCharsets.US_ASCII),
				List.of(new String[][] { { "Authorization", "Bearer " + this.tokens.tokenFor(Role.CLIENT) },
						{ "Accept", "application/" } }),
				null);

		assertThat(reply.status()).isEqualTo(406);
		assertThat(problem(reply).get("status").asInt()).isEqualTo(406);
	}

	@Test
	void requestsTheContainerRefusesBeforeTheApplicationAreProblemDetails() {
		for (String target : List.of("/api/clients/a%2Fb/nudges", "/api/clients/%00/nudges", "/api/clients/%ff/nudges",
				"/api/clients/a%5Cb/nudges", "/api/me/" + "x".repeat(9000))) {
			Reply reply = RawHttp.send(this.port, "GET", target.getBytes(StandardCharsets.US_ASCII), List.of(), null);

			assertThat(reply.status()).as(target).isEqualTo(400);
			assertThat(problem(reply).get("code").asString()).as(target).isEqualTo("request.rejected");
		}
	}

	@Test
	void aRequestFromAnOriginThatMayNotCallIsA403Problem() {
		Reply reply = RawHttp.send(this.port, "POST", "/api/help".getBytes(StandardCharsets.US_ASCII),
				List.of(new String[][] { { "Authorization", "Bearer " + this.tokens.tokenFor(Role.CLIENT) },
						{ "Origin", "https://evil.example" }, { "Content-Type", "application/json" } }),
				"{}".getBytes(StandardCharsets.UTF_8));

		assertThat(reply.status()).isEqualTo(403);
		assertThat(problem(reply).get("code").asString()).isEqualTo("cors.refused");
	}

	@Test
	void aMethodThePathDoesNotTakeIsA405ProblemAndNoWarning() {
		try (LogRecorder log = LogRecorder.onRoot()) {
			Reply reply = RawHttp.send(this.port, "PUT", "/api/me".getBytes(StandardCharsets.US_ASCII),
					List.of(new String[][] { { "Authorization", "Bearer " + this.tokens.tokenFor(Role.CLIENT) } }),
					null);

			assertThat(reply.status()).isEqualTo(405);
			assertThat(problem(reply).get("status").asInt()).isEqualTo(405);
			assertThat(log.containing("'PUT'")).isEmpty();
			assertThat(log.errors()).isEmpty();
		}
	}

	@Test
	void aBlankOrOverlongTherapistIdInABodyIsA400Problem() {
		UserId client = this.tokens.account(Role.CLIENT);
		for (String therapistId : List.of(" ", "a".repeat(129), "\u0000")) {
			Reply reply = RawHttp.send(this.port, "PUT",
					("/api/admin/clients/" + client.value() + "/therapist").getBytes(StandardCharsets.US_ASCII),
					List.of(new String[][] { { "Authorization", "Bearer " + this.tokens.tokenFor(Role.ADMIN) },
							{ "Content-Type", "application/json" } }),
					("{\"therapistId\":" + Hostile.quoted(therapistId) + "}").getBytes(StandardCharsets.UTF_8));

			assertThat(reply.status()).as(therapistId).isIn(400, 404);
			assertThat(problem(reply).get("status").asInt()).isEqualTo(reply.status());
		}
	}

	@Test
	void aPageNumberNearTheIntegerMaximumIsAnEmptyPage() {
		Reply reply = RawHttp.send(this.port, "GET",
				"/api/admin/accounts?page=2147483647&size=100".getBytes(StandardCharsets.US_ASCII),
				List.of(new String[][] { { "Authorization", "Bearer " + this.tokens.tokenFor(Role.ADMIN) } }), null);

		assertThat(reply.status()).isEqualTo(200);
		assertThat(JSON.readTree(reply.body()).get("items").size()).isZero();
	}

	private Reply send(Operation operation, Map<String, String> values, String token) {
		String path = operation.path();
		for (var variable : operation.in("path")) {
			String value = values.getOrDefault(variable.name(), defaultValue(operation, variable.name()));
			path = path.replaceAll("\\{" + variable.name() + "(:[^}]*)?}",
					java.util.regex.Matcher.quoteReplacement(value));
		}
		byte[] body = (operation.body() != null) ? "{}".getBytes(StandardCharsets.UTF_8) : null;
		List<String[]> headers = new ArrayList<>();
		headers.add(new String[] { "Authorization", "Bearer " + token });
		if (body != null) {
			headers.add(new String[] { "Content-Type", "application/json" });
		}
		return RawHttp.send(this.port, operation.method(), path.getBytes(StandardCharsets.UTF_8), headers, body);
	}

	private static String defaultValue(Operation operation, String variable) {
		if (!variable.equals("action")) {
			return "x";
		}
		return operation.path().startsWith("/api/enrolments/") ? "pause" : "cancel";
	}

	private static JsonNode problem(Reply reply) {
		assertThat(reply.header("content-type")).startsWith("application/problem+json");
		JsonNode problem = JSON.readTree(reply.body());
		assertThat(problem.get("status").asInt()).isEqualTo(reply.status());
		return problem;
	}

	private static List<Operation> operations() throws Exception {
		return RestOperations.read(Path.of("..", "docs", "openapi.json"));
	}

}
