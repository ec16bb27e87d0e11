package be.cocon.chat;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import be.cocon.support.ChildApp;
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
		int port = ChildApp.freePort();
		Set<Long> acknowledged = new TreeSet<>();
		String conversation;
		ChildApp app = new ChildApp(port, this.dataDir, "--cocon.chat.sends-per-minute=1000").start();
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
			app.kill();
		}

		app.start();
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
			app.kill();
		}
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
