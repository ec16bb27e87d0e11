package be.cocon;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.test.util.TestSocketUtils;

import be.cocon.support.HttpTestClient;
import be.cocon.support.PkceSignIn;
import be.cocon.support.StompTestClient;
import be.cocon.support.TcpProxy;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
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

	static TcpProxy broker;

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
		try {
			broker = new TcpProxy(PORT);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		firstPort = TestSocketUtils.findAvailableTcpPort();
		first = start(firstPort, "--cocon.store.data-dir=" + dataDir);
		String store = first.getBean(MongoConnectionDetails.class).getConnectionString().getConnectionString();
		secondPort = TestSocketUtils.findAvailableTcpPort();
		second = start(secondPort, "--spring.mongodb.uri=" + store,
				"--cocon.privacy.encryption.keyset-file=" + dataDir.resolve("privacy-keyset.json"));
	}

	@AfterAll
	static void stop() throws IOException {
		if (broker != null) {
			broker.close();
		}
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

	@Test
	void whenTheBrokerGoesAwayUnderLoadAndComesBackNothingAcknowledgedIsLostAndChatGoesOn() throws Exception {
		String clientToken = token(firstPort, "demo-client");
		String therapistToken = token(secondPort, "demo-therapist");
		HttpTestClient http = new HttpTestClient(firstPort);
		String conversation = http.get("/api/conversations", "Authorization", bearer(clientToken))
			.json()
			.get(0)
			.get("id")
			.asString();
		StompTestClient client = subscribed(firstPort, clientToken);
		StompTestClient therapist = subscribed(secondPort, therapistToken);

		// chat load: the client keeps sending until its session is cut
		Set<String> acked = ConcurrentHashMap.newKeySet();
		List<String> sent = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String id = UUID.randomUUID().toString();
			sent.add(id);
			client.sendMessage(conversation, id, "voor de onderbreking " + i);
		}
		for (int i = 0; i < 20; i++) {
			acked.add(client.next("/user/queue/acks").get("clientMessageId").asString());
		}
		assertThat(acked).containsExactlyInAnyOrderElementsOf(sent);

		broker.refuse();
		for (int i = 0; i < 20 && client.isConnected(); i++) {
			String id = UUID.randomUUID().toString();
			try {
				client.sendMessage(conversation, id, "tijdens de onderbreking " + i);
			}
			catch (IllegalStateException closed) {
				break;
			}
			JsonNode ack = client.poll("/user/queue/acks", 100);
			if (ack != null) {
				acked.add(ack.get("clientMessageId").asString());
			}
		}
		// a session whose broker connection broke is closed, so its client reconnects
		assertThat(client.awaitClosed(15_000)).isTrue();
		assertThat(therapist.awaitClosed(15_000)).isTrue();

		broker.admit();
		// the instances reconnect to the broker by themselves (Spring retries every 5 s)
		StompTestClient back = await().atMost(Duration.ofSeconds(40))
			.pollInterval(Duration.ofSeconds(1))
			.ignoreExceptions()
			.until(() -> subscribed(firstPort, clientToken), (session) -> session != null);
		StompTestClient therapistBack = await().atMost(Duration.ofSeconds(40))
			.pollInterval(Duration.ofSeconds(1))
			.ignoreExceptions()
			.until(() -> subscribed(secondPort, therapistToken), (session) -> session != null);

		// every acknowledged message is stored, once
		List<String> stored = new ArrayList<>();
		http.get("/api/conversations/" + conversation + "/messages?after=0&limit=100", "Authorization",
				bearer(clientToken))
			.json()
			.get("messages")
			.forEach((message) -> stored.add(message.path("clientMessageId").asString("")));
		assertThat(stored).containsAll(acked);
		assertThat(new HashSet<>(stored)).hasSameSizeAs(stored);

		String after = UUID.randomUUID().toString();
		back.sendMessage(conversation, after, "na de onderbreking");
		assertThat(back.next("/user/queue/acks").get("clientMessageId").asString()).isEqualTo(after);
		assertThat(therapistBack.next("/user/queue/messages").get("clientMessageId").asString()).isEqualTo(after);
		for (StompTestClient session : List.of(client, therapist, back, therapistBack)) {
			session.close();
		}
	}

	@Test
	void aUserWithSessionsOnBothInstancesStaysOnlineUntilTheLastOneCloses() throws Exception {
		String clientToken = token(firstPort, "demo-client");
		String clientId = new HttpTestClient(firstPort).get("/api/me", "Authorization", bearer(clientToken))
			.json()
			.get("id")
			.asString();
		// sessions of the other tests are gone everywhere
		await().atMost(Duration.ofSeconds(15))
			.until(() -> sessionsOf(first, clientId) == 0 && sessionsOf(second, clientId) == 0);
		StompTestClient therapist = subscribed(secondPort, token(secondPort, "demo-therapist"));

		StompTestClient onFirst = subscribed(firstPort, clientToken);
		JsonNode online = therapist.next("/user/queue/presence");
		assertThat(online.get("userId").asString()).isEqualTo(clientId);
		assertThat(online.get("online").asBoolean()).isTrue();

		// the second instance knows of the first session before the second opens, so it
		// does not announce the client online again
		await().atMost(Duration.ofSeconds(15)).until(() -> sessionsOf(second, clientId) == 1);
		StompTestClient onSecond = subscribed(secondPort, clientToken);
		// both instances know both sessions (the registries are broadcast every second)
		await().atMost(Duration.ofSeconds(15))
			.until(() -> sessionsOf(first, clientId) == 2 && sessionsOf(second, clientId) == 2);
		assertThat(therapist.poll("/user/queue/presence", 500)).as("was online already").isNull();
		onFirst.close();
		await().atMost(Duration.ofSeconds(15)).until(() -> sessionsOf(second, clientId) == 1);
		assertThat(therapist.poll("/user/queue/presence", 1000)).as("still online on the second instance").isNull();

		onSecond.close();
		JsonNode offline = therapist.next("/user/queue/presence");
		assertThat(offline.get("userId").asString()).isEqualTo(clientId);
		assertThat(offline.get("online").asBoolean()).isFalse();
		therapist.close();
	}

	private static int sessionsOf(ConfigurableApplicationContext instance, String userId) {
		SimpUser user = instance.getBean(SimpUserRegistry.class).getUser(userId);
		return (user != null) ? user.getSessions().size() : 0;
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
		String[] all = new String[args.length + 6];
		all[0] = "--server.port=" + port;
		all[1] = "--cocon.chat.relay.host=" + HOST;
		all[2] = "--cocon.chat.relay.port=" + broker.port();
		all[3] = "--spring.jmx.enabled=false";
		all[4] = "--management.endpoints.jmx.exposure.exclude=*";
		all[5] = "--cocon.chat.relay.registry-broadcast=1s";
		System.arraycopy(args, 0, all, 6, args.length);
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
