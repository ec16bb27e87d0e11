package be.cocon.safety;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import be.cocon.identity.TestTokens;
import be.cocon.support.ControlledClock;
import be.cocon.support.MutableClock;
import be.cocon.support.StompTestClient;
import be.cocon.support.StompTestClient.Received;

import static be.cocon.safety.Scene.ACKS;
import static be.cocon.safety.Scene.MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The crisis card reaches the client no later than the acknowledgement of the message
 * that triggered it, on the same connection, every time (frames of one session are
 * written by several threads, so this is repeated to catch a reordering). (Same context
 * as {@link OverdueAlertTests}.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cocon.safety.overdue-check-every=1h", "cocon.safety.claim-within=5m",
				"cocon.safety.realert-every=3m" })
@Import({ TestTokens.class, ControlledClock.class, GuaranteedPhrases.class })
class CrisisCardOrderTests {

	static final int ROUNDS = 20;

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	MutableClock clock;

	@Test
	void theCrisisCardArrivesBeforeTheAckOfTheRiskyMessage() throws Exception {
		try (Scene scene = new Scene(this.tokens, this.port)) {
			StompTestClient kid = scene.connect(scene.clientToken);
			for (int round = 0; round < ROUNDS; round++) {
				// at most one card per conversation per 10 minutes: each round is later
				this.clock.advance(Duration.ofMinutes(11));
				String id = java.util.UUID.randomUUID().toString();
				kid.sendMessage(scene.conversation, id, GuaranteedPhrases.HIGH);
				await().atMost(Duration.ofSeconds(10)).until(() -> indexOfAck(kid.arrivals(), id) >= 0);

				List<Received> arrivals = kid.arrivals();
				int ack = indexOfAck(arrivals, id);
				long seq = arrivals.get(ack).payload().get("seq").asLong();
				int card = indexOfCard(arrivals, seq + 1);
				assertThat(card).as("round %d: the card for message %d came before its ack", round, seq)
					.isBetween(0, ack - 1);
			}
		}
	}

	private static int indexOfAck(List<Received> arrivals, String clientMessageId) {
		for (int i = 0; i < arrivals.size(); i++) {
			Received arrival = arrivals.get(i);
			if (ACKS.equals(arrival.destination())
					&& clientMessageId.equals(arrival.payload().path("clientMessageId").asString(""))) {
				return i;
			}
		}
		return -1;
	}

	private static int indexOfCard(List<Received> arrivals, long seq) {
		for (int i = 0; i < arrivals.size(); i++) {
			JsonNode payload = arrivals.get(i).payload();
			if (MESSAGES.equals(arrivals.get(i).destination()) && payload.path("seq").asLong() == seq
					&& "crisis".equals(payload.at("/data/notice").asString(""))) {
				return i;
			}
		}
		return -1;
	}

}
