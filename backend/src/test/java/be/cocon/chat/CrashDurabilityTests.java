package be.cocon.chat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.test.util.TestSocketUtils;

import be.cocon.support.HttpTestClient;
import be.cocon.support.PkceSignIn;
import be.cocon.support.StompTestClient;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing acknowledged is lost, also when the server process is killed (SIGKILL, no
 * shutdown hooks): the app runs in a child JVM on the embedded store; after acknowledged
 * sends it is killed and started again on the same data folder.
 */
class CrashDurabilityTests {

	@TempDir
	Path dataDir;

	@Test
	void everyAcknowledgedMessageSurvivesAKill() throws Exception {
		int port = TestSocketUtils.findAvailableTcpPort();
		Set<Long> acknowledged = new TreeSet<>();
		String conversation;
		Process first = start(port);
		try {
			String token = clientToken(port);
			conversation = therapyConversation(port, token);
			try (StompTestClient stomp = StompTestClient.connect(port, token).subscribeUserQueues()) {
				for (int i = 0; i < 40; i++) {
					stomp.sendMessage(conversation, UUID.randomUUID().toString(), "bericht " + i);
				}
				for (int i = 0; i < 40; i++) {
					acknowledged.add(stomp.next("/user/queue/acks").get("seq").asLong());
				}
			}
		}
		finally {
			first.destroyForcibly().waitFor();
		}

		Process second = start(port);
		try {
			String token = clientToken(port);
			JsonNode page = new HttpTestClient(port)
				.get("/api/conversations/" + conversation + "/messages?after=0&limit=100", "Authorization",
						bearer(token))
				.json();
			Set<Long> stored = new TreeSet<>();
			page.get("messages").forEach((message) -> stored.add(message.get("seq").asLong()));
			assertThat(stored).containsAll(acknowledged);
			assertThat(acknowledged).hasSize(40);
		}
		finally {
			second.destroyForcibly().waitFor();
		}
	}

	private Process start(int port) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
				"be.cocon.CoconApplication", "--server.port=" + port, "--cocon.store.data-dir=" + this.dataDir,
				"--logging.level.root=warn", "--cocon.chat.sends-per-minute=1000"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(new File(this.dataDir.toFile(), "app-" + System.nanoTime() + ".log"))
			.start();
		HttpTestClient http = new HttpTestClient(port);
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while (Instant.now().isBefore(deadline)) {
			try {
				if (http.get("/actuator/health").status() == 200) {
					return process;
				}
			}
			catch (RuntimeException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		process.destroyForcibly();
		throw new AssertionError("The app did not start within 60 s");
	}

	/** Signs in the demo client through the real authorization code flow. */
	private static String clientToken(int port) throws Exception {
		return new PkceSignIn(port).accessToken("demo-client", "cocon-demo-2026");
	}

	private static String therapyConversation(int port, String token) {
		JsonNode list = new HttpTestClient(port).get("/api/conversations", "Authorization", bearer(token)).json();
		return list.get(0).get("id").asString();
	}

}
