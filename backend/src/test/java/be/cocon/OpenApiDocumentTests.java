package be.cocon;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import be.cocon.support.HttpTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/openapi.json} is the REST API as the running app describes it at
 * {@code /v3/api-docs}. When the API changes, run this test with
 * {@code -Dcocon.openapi.update=true} to rewrite the file, and commit it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentTests {

	private static final Path DOCUMENT = Path.of("..", "docs", "openapi.json");

	private final ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@LocalServerPort
	int port;

	@Test
	void documentedApiIsTheServedApi() throws Exception {
		JsonNode served = this.json.readTree(new HttpTestClient(this.port).get("/v3/api-docs").body());
		// the server entry names the random test port
		((ObjectNode) served).remove("servers");
		String expected = this.json.writeValueAsString(served) + "\n";

		if (Boolean.getBoolean("cocon.openapi.update")) {
			Files.writeString(DOCUMENT, expected, StandardCharsets.UTF_8);
		}

		assertThat(Files.exists(DOCUMENT)).as("docs/openapi.json exists").isTrue();
		assertThat(this.json.readTree(Files.readString(DOCUMENT, StandardCharsets.UTF_8)))
			.as("docs/openapi.json is out of date: run the tests with -Dcocon.openapi.update=true")
			.isEqualTo(served);
	}

}
