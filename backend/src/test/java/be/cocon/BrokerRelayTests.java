package be.cocon;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

import be.cocon.support.HttpTestClient;
import be.cocon.support.PkceSignIn;
import be.cocon.support.StompTestClient;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two instances on one store, their live channel relayed through a real RabbitMQ
 * ({@code rabbitmq_stomp} on 127.0.0.1:61613, or {@code COCON_TEST_RABBITMQ_HOST} and
 * {@code _PORT}): a client on one instance and their therapist on the other chat live, a
 * moderator on the other instance sees the escalation the client's message raised, and
 * typing reaches the other instance. {@code .ci/run} installs and starts RabbitMQ;
 * without it these tests are skipped, except on CI, where they fail.
 */
class BrokerRelayTests {

	private static final String PASSWORD = "cocon-demo-2026";

	private static final String HOST = System.getenv().getOrDefault("COCON_TEST_RABBITMQ_HOST", "127.0.0.1");

	private static final int PORT = Integer.parseInt(System.getenv().getOrDefault("COCON_TEST_RABBITMQ_PORT", "61613"));

	@TempDir
	static Path dataDir;

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	static int firstPort;

	static int secondPort;

	@BeforeAll
	static void startTwoInstancesOnRabbitMq() {
		if (!reachable()) {
			String why = "RabbitMQ's STOMP port is not open on " + HOST + ":" + PORT
					+ " (.ci/run installs and starts rabbitmq-server with rabbitmq_stomp)";
			if ("true".equals(System.getenv("CI"))) {
				fail(why);
			}
			Assumptions.abort(why);
		}
		firstPort = TestSocketUtils.findAvailableTcpPort();
		first = start(firstPort, "--cocon.store.data-dir=" + dataDir);
		String store = first.getBean(MongoConnectionDetails.class).getConnectionString().getConnectionString();
		secondPort = TestSocketUtils.findAvailableTcpPort();
		second = start(secondPort, "--spring.mongodb.uri=" + store,
				"--cocon.privacy.encryption.keyset-file=" + dataDir.resolve("privacy-keyset.json"));
	}

	@AfterAll
	static void stop() {
		if (second != null) {
			second.close();
		}
		if (first != null) {
			first.close();
		}
	}

	@Test
	void aClientOnOneInstanceAndTheirTherapistOnTheOtherChatLiveAndTheModeratorThereSeesTheEscalation()
			throws Exception {
		String clientToken = token(firstPort, "demo-client");
		String conversation = new HttpTestClient(firstPort)
			.get("/api/conversations", "Authorization", bearer(clientToken))
			.json()
			.get(0)
			.get("id")
			.asString();
		StompTestClient client = subscribed(firstPort, clientToken);
		StompTestClient therapist = subscribed(secondPort, token(secondPort, "demo-therapist"));
		StompTestClient moderator = StompTestClient.connect(secondPort, token(secondPort, "demo-moderator"));
		assertThat(moderator.subscribeWithReceipt("/topic/escalations")).isTrue();
		assertThat(client.subscribeWithReceipt("/topic/typing." + conversation)).isTrue();

		String hello = UUID.randomUUID().toString();
		client.sendMessage(conversation, hello, "hallo, lukt het vandaag?");
		JsonNode ack = client.next("/user/queue/acks");
		JsonNode atTherapist = therapist.next("/user/queue/messages");
		assertThat(ack.get("clientMessageId").asString()).isEqualTo(hello);
		assertThat(atTherapist.get("clientMessageId").asString()).isEqualTo(hello);
		assertThat(atTherapist.get("seq").asLong()).isEqualTo(ack.get("seq").asLong());
		assertThat(atTherapist.get("body").asString()).isEqualTo("hallo, lukt het vandaag?");
		// the client's own copy too, on its own instance
		assertThat(client.next("/user/queue/messages").get("clientMessageId").asString()).isEqualTo(hello);

		therapist.send("/app/conversations/" + conversation + "/typing", "{\"typing\":true}");
		assertThat(client.next("/topic/typing." + conversation).get("typing").asBoolean()).isTrue();

		String reply = UUID.randomUUID().toString();
		therapist.sendMessage(conversation, reply, "ja, fijn dat je schrijft");
		assertThat(therapist.next("/user/queue/acks").get("clientMessageId").asString()).isEqualTo(reply);
		JsonNode atClient = client.next("/user/queue/messages");
		assertThat(atClient.get("clientMessageId").asString()).isEqualTo(reply);
		assertThat(atClient.get("seq").asLong()).isEqualTo(ack.get("seq").asLong() + 1);

		client.sendMessage(conversation, UUID.randomUUID().toString(), "ik heb mezelf weer gesneden");
		JsonNode escalation = moderator.next("/topic/escalations");
		assertThat(escalation.toString()).contains(conversation);

		// the therapist on the other instance got every message of the conversation once,
		// in order: the client's first, their own reply, the client's second and the
		// crisis card it brought
		long first = ack.get("seq").asLong();
		assertThat(therapist.next("/user/queue/messages").get("seq").asLong()).isEqualTo(first + 1);
		assertThat(therapist.next("/user/queue/messages").get("seq").asLong()).isEqualTo(first + 2);
		JsonNode card = therapist.next("/user/queue/messages");
		assertThat(card.get("seq").asLong()).isEqualTo(first + 3);
		assertThat(card.get("data").get("notice").asString()).isEqualTo("crisis");
		assertThat(therapist.poll("/user/queue/messages", 500)).isNull();
		for (StompTestClient session : List.of(client, therapist, moderator)) {
			session.close();
		}
	}

	private static StompTestClient subscribed(int port, String token) throws Exception {
		StompTestClient stomp = StompTestClient.connect(port, token);
		for (String queue : List.of("messages", "acks", "errors", "read", "presence")) {
			assertThat(stomp.subscribeWithReceipt("/user/queue/" + queue)).as(queue).isTrue();
		}
		return stomp;
	}

	private static String token(int port, String username) throws Exception {
		return new PkceSignIn(port).tokens(username, PASSWORD).get("access_token").asString();
	}

	private static ConfigurableApplicationContext start(int port, String... args) {
		String[] all = new String[args.length + 5];
		all[0] = "--server.port=" + port;
		all[1] = "--cocon.chat.relay.host=" + HOST;
		all[2] = "--cocon.chat.relay.port=" + PORT;
		all[3] = "--spring.jmx.enabled=false";
		all[4] = "--management.endpoints.jmx.exposure.exclude=*";
		System.arraycopy(args, 0, all, 5, args.length);
		return new SpringApplicationBuilder(CoconApplication.class).run(all);
	}

	private static boolean reachable() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, PORT), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
