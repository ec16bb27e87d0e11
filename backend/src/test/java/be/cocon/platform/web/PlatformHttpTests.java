package be.cocon.platform.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/** The platform's HTTP behaviour, seen from outside over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "logging.level.be.cocon.request=info")
@ExtendWith(OutputCaptureExtension.class)
@Import({ PlatformHttpTests.EchoApi.class, TestTokens.class })
class PlatformHttpTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	String token;

	@BeforeEach
	void signIn() {
		this.token = this.tokens.tokenFor(Role.CLIENT);
	}

	@Test
	void unknownApiPathIsA404ProblemDetail() throws Exception {
		HttpResponse<String> response = get("/api/does-not-exist");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(404);
		assertThat(problem.get("title").asString()).isEqualTo("Not Found");
		assertThat(problem.get("requestId").asString())
			.isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
	}

	@Test
	void invalidBodyIsA400ProblemDetailNamingTheField() throws Exception {
		HttpResponse<String> response = post("/api/test/echo", "{\"text\":\"\"}");

		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("text");
	}

	@Test
	void malformedJsonIsA400ProblemDetail() throws Exception {
		HttpResponse<String> response = post("/api/test/echo", "{\"text\":");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(response.body()).get("detail").asString()).isNotBlank();
	}

	@Test
	void wrongMethodIsA405ProblemDetail() throws Exception {
		HttpResponse<String> response = get("/api/test/echo");

		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(this.json.readTree(response.body()).get("status").asInt()).isEqualTo(405);
	}

	@Test
	void unexpectedFailureIsA500ProblemDetailWithoutInternals() throws Exception {
		HttpResponse<String> response = post("/api/test/echo", "{\"text\":\"boom\"}");

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).doesNotContain("IllegalStateException").doesNotContain("at be.cocon");
		assertThat(this.json.readTree(response.body()).get("requestId").asString()).isNotBlank();
	}

	@Test
	void unexpectedFailureIsLoggedOnceWithTheRoutePatternNotTheClientsPath(CapturedOutput output) throws Exception {
		HttpResponse<String> response = post("/api/test/echo/zq-canary-path", "{\"text\":\"boom\"}");

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(output.getAll().lines().filter((line) -> line.contains("Unexpected error while handling")))
			.anyMatch((line) -> line.contains("POST /api/test/echo/{word}"))
			.noneMatch((line) -> line.contains("zq-canary-path"));
	}

	@Test
	void validRequestPassesThrough() throws Exception {
		HttpResponse<String> response = post("/api/test/echo", "{\"text\":\"hallo\"}");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(response.body()).get("text").asString()).isEqualTo("hallo");
	}

	@Test
	void wellFormedRequestIdIsEchoedAndAMalformedOneReplaced() throws Exception {
		HttpResponse<String> kept = send(
				HttpRequest.newBuilder(uri("/actuator/health")).header("X-Request-Id", "abc-123-def").build());
		HttpResponse<String> replaced = send(
				HttpRequest.newBuilder(uri("/actuator/health")).header("X-Request-Id", "<script>").build());

		assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("abc-123-def");
		assertThat(replaced.headers().firstValue("X-Request-Id"))
			.hasValueSatisfying((id) -> assertThat(id).isNotEqualTo("<script>").hasSize(36));
	}

	@Test
	void requestTheFirewallRejectsIsA400ProblemDetailWithTheRequestId() throws Exception {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(uri("/api/me;jsessionid=x")).header("X-Request-Id", "firewall-check-1").build());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("X-Request-Id")).hasValue("firewall-check-1");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("requestId").asString()).isEqualTo("firewall-check-1");
	}

	@Test
	void everyRequestIsLoggedOnceWithItsIdMethodPathStatusAndDuration(CapturedOutput output) throws Exception {
		send(HttpRequest.newBuilder(uri("/api/does-not-exist?q=1"))
			.header("Authorization", "Bearer " + this.token)
			.header("X-Request-Id", "log-line-check-7")
			.build());

		List<String> lines = output.getOut()
			.lines()
			.filter((line) -> line.contains("log-line-check-7") && line.contains("be.cocon.request"))
			.toList();
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).contains("GET /api/does-not-exist -> 404 in ").containsPattern("in \\d+ ms");
	}

	@Test
	void healthIsUpWithTheStoreComponent() throws Exception {
		JsonNode health = this.json.readTree(get("/actuator/health").body());

		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("components").get("store").get("status").asString()).isEqualTo("UP");
	}

	@Test
	void infoSaysWhichStoreIsUsed() throws Exception {
		JsonNode info = this.json.readTree(get("/actuator/info", this.tokens.tokenFor(Role.ADMIN)).body());

		assertThat(info.get("store").get("kind").asString()).isEqualTo("embedded");
	}

	@Test
	void prometheusEndpointExposesMetrics() throws Exception {
		HttpResponse<String> response = get("/actuator/prometheus", this.tokens.tokenFor(Role.ADMIN));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_memory_used_bytes").contains("application=\"cocon\"");
	}

	@Test
	void anUndecodableQueryIsABadRequestNotAServerError() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/crisis-resources?country=%ff")).build());

		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("code").asString()).isEqualTo("request.invalid-encoding");
		assertThat(problem.get("requestId").asString()).isNotBlank();
	}

	@Test
	void metricsAndInfoAreForAdminsOnlyWhileHealthStaysOpen() throws Exception {
		for (String path : new String[] { "/actuator/prometheus", "/actuator/info" }) {
			HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri(path)).build());
			assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
			assertThat(anonymous.body()).as(path).doesNotContain("cocon_").doesNotContain("store");
			assertThat(get(path, this.tokens.tokenFor(Role.MODERATOR)).statusCode()).as(path).isEqualTo(403);
			assertThat(get(path).statusCode()).as(path).isEqualTo(403);
		}
		assertThat(send(HttpRequest.newBuilder(uri("/actuator/health")).build()).statusCode()).isEqualTo(200);
	}

	@Test
	void openApiDocumentIsServed() throws Exception {
		HttpResponse<String> response = get("/v3/api-docs");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(response.body()).get("openapi").asString()).startsWith("3.");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return get(path, this.token);
	}

	private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).build());
	}

	private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + this.token)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	record Echo(@NotBlank @Size(max = 20) String text) {
	}

	@TestConfiguration
	@RestController
	static class EchoApi {

		@PostMapping("/api/test/echo")
		Echo echo(@Valid @RequestBody Echo echo) {
			if ("boom".equals(echo.text())) {
				throw new IllegalStateException("boom");
			}
			return echo;
		}

		@PostMapping("/api/test/echo/{word}")
		Echo echoWord(@PathVariable String word, @Valid @RequestBody Echo echo) {
			return echo(echo);
		}

	}

}
