package be.cocon;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.messaging.simp.annotation.support.SimpAnnotationMethodMessageHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/asyncapi.yaml} is valid YAML and documents every STOMP destination the app
 * handles (each {@code @MessageMapping} under {@code /app}).
 */
@SpringBootTest
class AsyncApiDocumentTests {

	private static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");

	@Autowired
	SimpAnnotationMethodMessageHandler handlers;

	@Test
	void everyHandledDestinationIsDocumented() throws IOException {
		Set<String> documented = new TreeSet<>();
		try (Reader reader = Files.newBufferedReader(DOCUMENT)) {
			Map<String, Object> document = new Yaml().load(reader);
			@SuppressWarnings("unchecked")
			Map<String, Map<String, Object>> channels = (Map<String, Map<String, Object>>) document.get("channels");
			channels.values().forEach((channel) -> documented.add(String.valueOf(channel.get("address"))));
		}
		Set<String> handled = new TreeSet<>();
		this.handlers.getHandlerMethods()
			.keySet()
			.forEach((mapping) -> mapping.getDestinationConditions()
				.getPatterns()
				.stream()
				.filter((pattern) -> !pattern.contains("**"))
				.forEach((pattern) -> handled.add("/app" + pattern)));

		assertThat(handled).isNotEmpty();
		assertThat(documented).containsAll(handled)
			.containsAll(List.of("/user/queue/messages", "/user/queue/errors", "/topic/escalations",
					"/user/queue/escalations"));
	}

}
