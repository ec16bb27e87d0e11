package be.cocon.nudge;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

import be.cocon.CoconApplication;
import be.cocon.support.HttpTestClient;
import be.cocon.support.MutableClock;
import be.cocon.support.PkceSignIn;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the app on one store, both dispatching nudges several times a second
 * with the same clock (and, as every instance on one store must, the same keyset): a due
 * nudge reaches the client's chat exactly once.
 */
class TwoInstancesTests {

	@TempDir
	Path dataDir;

	@Test
	void twoInstancesOnOneStoreSendADueNudgeOnce() throws Exception {
		MutableClock clock = new MutableClock(Instant.now());
		int firstPort = TestSocketUtils.findAvailableTcpPort();
		try (ConfigurableApplicationContext first = start(firstPort, clock, "cocon.store.data-dir=" + this.dataDir)) {
			String store = first.getBean(MongoConnectionDetails.class).getConnectionString().getConnectionString();
			try (ConfigurableApplicationContext second = start(TestSocketUtils.findAvailableTcpPort(), clock,
					"spring.mongodb.uri=" + store,
					"cocon.privacy.encryption.keyset-file=" + this.dataDir.resolve("privacy-keyset.json"))) {
				HttpTestClient http = new HttpTestClient(firstPort);
				String therapist = token(firstPort, "demo-therapist");
				String client = token(firstPort, "demo-client");
				String clientId = http.get("/api/me", "Authorization", bearer(client)).json().get("id").asString();
				String conversation = http.get("/api/conversations", "Authorization", bearer(client))
					.json()
					.get(0)
					.get("id")
					.asString();
				String inAnHour = NudgeService.LOCAL
					.format(clock.instant().plus(Duration.ofHours(1)).atZone(ZoneId.of("Europe/Brussels")));
				var created = http.postJson("/api/clients/" + clientId + "/nudges",
						"{\"text\":\"Een keer\",\"sendAt\":\"" + inAnHour + "\"}", "Authorization", bearer(therapist));
				assertThat(created.status()).as(created.body()).isEqualTo(201);

				clock.advance(Duration.ofHours(2));
				// both dispatchers run every 100 ms: give them many rounds
				Thread.sleep(3000);

				assertThat(nudges(http, conversation, client)).containsExactly("Een keer");
			}
		}
	}

	private static List<String> nudges(HttpTestClient http, String conversation, String token) {
		List<String> bodies = new ArrayList<>();
		JsonNode messages = http.get("/api/conversations/" + conversation + "/messages", "Authorization", bearer(token))
			.json()
			.get("messages");
		messages.forEach((message) -> {
			if ("NUDGE".equals(message.get("kind").asString())) {
				bodies.add(message.get("body").asString());
			}
		});
		return bodies;
	}

	private static String token(int port, String username) throws Exception {
		return new PkceSignIn(port).tokens(username, "cocon-demo-2026").get("access_token").asString();
	}

	private static ConfigurableApplicationContext start(int port, MutableClock clock, String... store) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(CoconApplication.class);
		builder.initializers((context) -> {
			TestPropertyValues
				.of("server.port=" + port, "cocon.nudge.dispatch-every=100ms",
						"management.endpoints.jmx.exposure.exclude=*", "spring.jmx.enabled=false")
				.and(store)
				.applyTo(context);
			context.getBeanFactory().registerSingleton("testClock", clock);
		});
		return builder.run();
	}

}
