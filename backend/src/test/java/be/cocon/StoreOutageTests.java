package be.cocon;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;
import be.cocon.support.PkceSignIn;
import be.cocon.support.StompTestClient;
import be.cocon.support.TcpProxy;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store goes away for {@value #OUTAGE_SECONDS} s while the app runs: the app reaches
 * its MongoDB through a TCP proxy that resets every connection and refuses new ones for
 * that long. A send during the outage is refused with the retryable
 * {@code store.unavailable} (never a false acknowledgement), REST answers 503 with
 * {@code Retry-After}, health goes DOWN and back UP, and once the store is back the same
 * message sent again is stored exactly once, without restarting the app.
 */
class StoreOutageTests {

	static final int OUTAGE_SECONDS = 12;

	@Test
	void aStoreOutageRefusesSendsAsRetryableAndTheAppRecoversWithoutARestart() throws Exception {
		MongoServer store = new MongoServer(new MemoryBackend());
		InetSocketAddress address = store.bind();
		int port = TestSocketUtils.findAvailableTcpPort();
		try (TcpProxy proxy = new TcpProxy(address.getPort());
				ConfigurableApplicationContext app = start(port, proxy.port())) {
			HttpTestClient http = new HttpTestClient(port);
			String client = bearer(new PkceSignIn(port).accessToken("demo-client", "cocon-demo-2026"));
			String conversation = http.get("/api/conversations", "Authorization", client)
				.json()
				.get(0)
				.get("id")
				.asString();
			try (StompTestClient stomp = StompTestClient.connect(port, client.substring("Bearer ".length()))
				.subscribeUserQueues()) {
				stomp.sendMessage(conversation, UUID.randomUUID().toString(), "voor de storing");
				assertThat(stomp.next("/user/queue/acks").get("seq").asLong()).isEqualTo(1);
				assertThat(http.get("/actuator/health").status()).isEqualTo(200);

				long began = System.nanoTime();
				proxy.refuse();
				String during = UUID.randomUUID().toString();
				stomp.sendMessage(conversation, during, "tijdens de storing");
				JsonNode refused = stomp.next("/user/queue/errors");
				long refusedAfter = Duration.ofNanos(System.nanoTime() - began).toMillis();
				assertThat(refused.get("code").asString()).isEqualTo("store.unavailable");
				assertThat(refused.get("clientMessageId").asString()).isEqualTo(during);
				assertThat(stomp.poll("/user/queue/acks", 0)).as("no acknowledgement during the outage").isNull();

				Response rest = http.get("/api/conversations", "Authorization", client);
				assertThat(rest.status()).isEqualTo(503);
				assertThat(rest.json().get("code").asString()).isEqualTo("store.unavailable");
				assertThat(rest.header("Retry-After")).isNotBlank();
				Awaitility.await("health DOWN")
					.atMost(Duration.ofSeconds(20))
					.until(() -> http.get("/actuator/health").status() == 503);

				// the outage lasts its length, whatever the app does meanwhile
				long left = Duration.ofSeconds(OUTAGE_SECONDS).toNanos() - (System.nanoTime() - began);
				if (left > 0) {
					Thread.sleep(Duration.ofNanos(left).toMillis());
				}
				proxy.admit();
				long back = System.nanoTime();
				Awaitility.await("health UP again")
					.atMost(Duration.ofSeconds(30))
					.until(() -> http.get("/actuator/health").status() == 200);
				long upAfter = Duration.ofNanos(System.nanoTime() - back).toMillis();

				// what the browser's outbox does: the same message again, same id
				stomp.sendMessage(conversation, during, "tijdens de storing");
				JsonNode ack = stomp.next("/user/queue/acks");
				assertThat(ack.get("clientMessageId").asString()).isEqualTo(during);
				assertThat(ack.get("duplicate").asBoolean()).isFalse();
				List<String> bodies = http
					.get("/api/conversations/" + conversation + "/messages", "Authorization", client)
					.json()
					.get("messages")
					.findValuesAsString("body");
				assertThat(bodies).containsExactly("voor de storing", "tijdens de storing");
				System.out.printf(
						"StoreOutageTests: outage %d s; send refused as store.unavailable after %d ms; health UP %d ms "
								+ "after the store came back; 0 false acknowledgements; 0 restarts%n",
						OUTAGE_SECONDS, refusedAfter, upAfter);
			}
		}
		finally {
			store.shutdownNow();
		}
	}

	private static ConfigurableApplicationContext start(int port, int storePort) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(CoconApplication.class);
		builder.initializers(
				(context) -> TestPropertyValues
					.of("server.port=" + port, "spring.mongodb.uri=mongodb://127.0.0.1:" + storePort + "/cocon",
							"cocon.identity.demo.enabled=true", "cocon.store.unavailable-after=2s",
							"cocon.store.read-timeout=3s", "management.endpoints.jmx.exposure.exclude=*",
							"spring.jmx.enabled=false")
					.applyTo(context));
		return builder.run();
	}

}
