package be.cocon.nudge;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

import be.cocon.CoconApplication;
import be.cocon.support.HttpTestClient;
import be.cocon.support.PkceSignIn;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A scheduled nudge is stored, not held in memory: scheduled in one run of the app, it is
 * sent by the next run once its time has come (that run's clock is set ahead).
 */
class NudgeRestartTests {

	@TempDir
	Path dataDir;

	@Test
	void nudgeScheduledBeforeARestartIsSentAfterIt() throws Exception {
		int port = TestSocketUtils.findAvailableTcpPort();
		String therapist;
		String client;
		String clientId;
		String conversation;
		try (ConfigurableApplicationContext first = start(port, Clock.systemUTC())) {
			therapist = token(port, "demo-therapist");
			client = token(port, "demo-client");
			HttpTestClient http = new HttpTestClient(port);
			clientId = http.get("/api/me", "Authorization", bearer(client)).json().get("id").asString();
			conversation = http.get("/api/conversations", "Authorization", bearer(client))
				.json()
				.get(0)
				.get("id")
				.asString();
			String inTwoHours = LocalDateTime.now(ZoneId.of("Europe/Brussels"))
				.plusHours(2)
				.truncatedTo(ChronoUnit.MINUTES)
				.format(NudgeService.LOCAL);
			var created = http.postJson("/api/clients/" + clientId + "/nudges",
					"{\"text\":\"Na de herstart\",\"sendAt\":\"" + inTwoHours + "\"}", "Authorization",
					bearer(therapist));
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			assertThat(created.json().get("status").asString()).isEqualTo("SCHEDULED");
		}

		try (ConfigurableApplicationContext second = start(port,
				Clock.offset(Clock.systemUTC(), Duration.ofHours(3)))) {
			HttpTestClient http = new HttpTestClient(port);
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				JsonNode messages = http
					.get("/api/conversations/" + conversation + "/messages", "Authorization", bearer(client))
					.json()
					.get("messages");
				assertThat(messages.findValuesAsString("body")).contains("Na de herstart");
			});
		}
	}

	private static String token(int port, String username) throws Exception {
		return new PkceSignIn(port).tokens(username, "cocon-demo-2026").get("access_token").asString();
	}

	private ConfigurableApplicationContext start(int port, Clock clock) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(CoconApplication.class);
		builder.initializers((context) -> {
			TestPropertyValues
				.of("server.port=" + port, "cocon.store.data-dir=" + this.dataDir, "cocon.nudge.dispatch-every=1s")
				.applyTo(context);
			context.getBeanFactory().registerSingleton("testClock", clock);
		});
		return builder.run();
	}

}
