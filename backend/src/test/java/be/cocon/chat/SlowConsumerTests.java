package be.cocon.chat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;

import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.identity.UserId;
import be.cocon.support.HttpTestClient;
import be.cocon.support.StompTestClient;
import be.cocon.support.TcpProxy;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session that stops reading is bounded by the send buffer and time limits and cannot
 * stall anyone else, with real STOMP clients against the running server: the therapist is
 * online twice, one session going through a {@link TcpProxy} that stops reading, while
 * the client sends long messages. The sender still gets every acknowledgement promptly,
 * the therapist's other session every message in order; the stalled session is dropped,
 * once more is buffered for it than the buffer limit allows, or at the first frame for it
 * after a write to it has taken longer than the time limit; and the history has every
 * message. The server's socket send buffer is kept small here, as the kernel would
 * otherwise take a whole burst (Linux grows it to megabytes) and no write would block.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cocon.chat.sends-per-minute=1000", "cocon.chat.send-time-limit=2s",
				"cocon.chat.send-buffer-size-limit=65536" })
@Import(TestTokens.class)
class SlowConsumerTests {

	private static final long SEND_TIME_LIMIT_MILLIS = 2000;

	private static final int SEND_BUFFER_SIZE_LIMIT = 65536;

	/** Messages in the burst: about 250 KB for each session, far over the limits. */
	private static final int BURST = 60;

	/**
	 * Messages that fill the kernel's buffers towards the stalled client (some 30 KB) but
	 * not the send buffer limit: about 45 KB.
	 */
	private static final int FEW = 10;

	private static final String BODY = "x".repeat(3990);

	/** Room for a MESSAGE frame's command and headers, more than they take. */
	private static final int STOMP_HEADERS_AT_MOST = 512;

	private static final long ACKS_WITHIN_MILLIS = 15_000;

	private static final long DROPPED_WITHIN_MILLIS = 15_000;

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	SimpUserRegistry users;

	UserId client;

	UserId therapist;

	String clientToken;

	String therapistToken;

	String conversation;

	final List<StompTestClient> open = new ArrayList<>();

	TcpProxy network;

	/** The therapist through the proxy: stops reading once the test begins. */
	StompTestClient slow;

	/** The therapist in a second, direct session. */
	StompTestClient healthy;

	/** The client, who sends. */
	StompTestClient kid;

	long lastSeenBeforeTheStall;

	long stalledAt;

	final List<String> sentBodies = new ArrayList<>();

	int received;

	long bytesForTheStalledSession;

	/**
	 * An assigned pair; the therapist is online twice, once through the proxy. A first
	 * message reaches both sessions, then the proxy stalls.
	 */
	@BeforeEach
	void therapistOnlineTwiceOneSessionStalled() throws Exception {
		this.client = this.tokens.account(Role.CLIENT);
		this.therapist = this.tokens.account(Role.THERAPIST);
		this.tokens.assign(this.client, this.therapist);
		this.clientToken = this.tokens.tokenFor(this.client, Role.CLIENT);
		this.therapistToken = this.tokens.tokenFor(this.therapist, Role.THERAPIST);
		this.conversation = ConversationDocument.therapyId(this.client.value(), this.therapist.value());
		this.network = new TcpProxy(this.port);
		this.slow = StompTestClient.connect(this.network.port(), this.therapistToken).subscribeUserQueues();
		this.open.add(this.slow);
		this.healthy = connect(this.therapistToken);
		this.kid = connect(this.clientToken);
		assertThat(sessionsOfTherapist()).isEqualTo(2);
		this.kid.sendMessage(this.conversation, UUID.randomUUID().toString(), "before the stall");
		this.lastSeenBeforeTheStall = this.kid.next("/user/queue/acks").get("seq").asLong();
		assertThat(this.slow.next("/user/queue/messages").get("seq").asLong()).isEqualTo(this.lastSeenBeforeTheStall);
		assertThat(this.healthy.next("/user/queue/messages").get("seq").asLong())
			.isEqualTo(this.lastSeenBeforeTheStall);
		this.network.stall();
		this.stalledAt = System.nanoTime();
	}

	@AfterEach
	void closeAll() throws IOException {
		this.open.forEach(StompTestClient::close);
		this.network.close();
	}

	@Test
	void aSessionThatStopsReadingIsDroppedOverTheBufferLimitWithoutHoldingUpTheSenderOrOtherSessions()
			throws Exception {
		CompletableFuture<Long> dropped = CompletableFuture.supplyAsync(this::millisUntilTheStalledSessionIsGone);
		List<Long> acked = sendPromptlyAcknowledged(BURST);
		long ackedMillis = millisSince(this.stalledAt);

		List<Long> delivered = receiveAll(BURST);
		assertThat(delivered).containsExactlyElementsOf(acked);
		long deliveredMillis = millisSince(this.stalledAt);

		long droppedMillis = dropped.get();
		assertThat(droppedMillis).as("stalled session dropped within %d ms", DROPPED_WITHIN_MILLIS)
			.isLessThan(DROPPED_WITHIN_MILLIS);
		int reached = assertStalledClientClosedHavingGotAGaplessStartOf(acked);
		assertNothingLost(acked, BURST);
		System.out.printf(
				"slow consumer, buffer limit: %d messages of %d characters, all acked after %d ms, all delivered"
						+ " to the healthy session after %d ms, stalled session dropped after %d ms, %d messages"
						+ " reached it before that%n",
				BURST, BODY.length() + 3, ackedMillis, deliveredMillis, droppedMillis, reached);
	}

	@Test
	void aSessionWhoseWriteTakesLongerThanTheTimeLimitIsDroppedAtItsNextFrame() throws Exception {
		// more than the kernel's buffers between server and stalled client take, so a
		// write to it blocks, but less than the buffer limit
		List<Long> acked = sendPromptlyAcknowledged(FEW);
		List<Long> delivered = receiveAll(FEW);
		assertThat(delivered).containsExactlyElementsOf(acked);

		// well past the send time limit, one more frame for the stalled session
		Thread.sleep(2 * SEND_TIME_LIMIT_MILLIS);
		long lastSentAt = System.nanoTime();
		acked.addAll(sendPromptlyAcknowledged(1));
		receiveAll(1);
		assertThat(this.bytesForTheStalledSession).as("frames sent to the stalled session, an upper bound")
			.isLessThan(SEND_BUFFER_SIZE_LIMIT);

		long droppedMillis = millisUntilTheStalledSessionIsGone();
		assertThat(droppedMillis).as("stalled session dropped within %d ms", DROPPED_WITHIN_MILLIS)
			.isLessThan(DROPPED_WITHIN_MILLIS);
		long afterLastMillis = millisSince(lastSentAt);
		int reached = assertStalledClientClosedHavingGotAGaplessStartOf(acked);
		assertNothingLost(acked, FEW + 1);
		System.out.printf(
				"slow consumer, time limit: %d + 1 messages (at most %d bytes of frames), stalled session dropped"
						+ " %d ms after the last one, %d ms after the stall; %d messages reached it before that%n",
				FEW, this.bytesForTheStalledSession, afterLastMillis, droppedMillis, reached);
	}

	/**
	 * The client sends this many more long messages; each is acknowledged within the
	 * bound, in order. @return their sequence numbers
	 */
	private List<Long> sendPromptlyAcknowledged(int count) throws InterruptedException {
		long start = System.nanoTime();
		List<String> sent = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String id = UUID.randomUUID().toString();
			sent.add(id);
			this.sentBodies.add((this.sentBodies.size() + 1) + " " + BODY);
			this.kid.sendMessage(this.conversation, id, this.sentBodies.get(this.sentBodies.size() - 1));
		}
		List<Long> acked = new ArrayList<>();
		for (String id : sent) {
			JsonNode ack = this.kid.poll("/user/queue/acks", remaining(start, ACKS_WITHIN_MILLIS));
			assertThat(ack).as("ack %d of %d within %d ms", acked.size() + 1, count, ACKS_WITHIN_MILLIS).isNotNull();
			assertThat(ack.get("clientMessageId").asString()).isEqualTo(id);
			acked.add(ack.get("seq").asLong());
		}
		assertThat(acked).doesNotHaveDuplicates().isSorted();
		return acked;
	}

	/**
	 * The therapist's healthy session gets the next messages, in order, with the bodies
	 * sent. @return their sequence numbers
	 */
	private List<Long> receiveAll(int count) throws InterruptedException {
		List<Long> seqs = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			JsonNode message = this.healthy.next("/user/queue/messages");
			this.received++;
			assertThat(message.get("body").asString()).isEqualTo(this.sentBodies.get(this.received - 1));
			// the same frame goes to the stalled session: payload and STOMP headers
			this.bytesForTheStalledSession += message.toString().getBytes(StandardCharsets.UTF_8).length
					+ STOMP_HEADERS_AT_MOST;
			seqs.add(message.get("seq").asLong());
		}
		return seqs;
	}

	/**
	 * Once the server has dropped the stalled session, the client, reading again, sees
	 * its connection closed; the messages that reached it before are the first of those
	 * sent, with no gap. @return how many reached it
	 */
	private int assertStalledClientClosedHavingGotAGaplessStartOf(List<Long> acked) throws InterruptedException {
		this.network.resume();
		assertThat(this.slow.awaitClosed(5000)).as("stalled client sees its connection closed").isTrue();
		List<Long> partial = new ArrayList<>();
		for (JsonNode message = this.slow.poll("/user/queue/messages", 0); message != null; message = this.slow
			.poll("/user/queue/messages", 0)) {
			partial.add(message.get("seq").asLong());
		}
		assertThat(partial).hasSizeLessThan(acked.size());
		assertThat(acked.subList(0, partial.size())).containsExactlyElementsOf(partial);
		assertThat(this.healthy.isConnected()).isTrue();
		assertThat(this.kid.isConnected()).isTrue();
		return partial.size();
	}

	/** Resuming over REST from the last message seen before the stall gets every one. */
	private void assertNothingLost(List<Long> acked, int count) {
		List<Long> resumed = new ArrayList<>();
		List<String> bodies = new ArrayList<>();
		long after = this.lastSeenBeforeTheStall;
		for (JsonNode page = history("?after=" + after); page.size() > 0; page = history("?after=" + after)) {
			for (JsonNode message : page) {
				resumed.add(message.get("seq").asLong());
				bodies.add(message.get("body").asString());
			}
			after = resumed.get(resumed.size() - 1);
		}
		assertThat(resumed).hasSize(count).containsExactlyElementsOf(acked);
		assertThat(bodies).containsExactlyElementsOf(this.sentBodies);
	}

	/**
	 * Milliseconds from the stall until the server no longer lists the stalled session.
	 */
	private long millisUntilTheStalledSessionIsGone() {
		long deadline = this.stalledAt + DROPPED_WITHIN_MILLIS * 1_000_000;
		while (sessionsOfTherapist() > 1 && System.nanoTime() < deadline) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return (sessionsOfTherapist() > 1) ? Long.MAX_VALUE : millisSince(this.stalledAt);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SmallSocketSendBuffer {

		@Bean
		WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> smallSocketSendBuffer() {
			return (factory) -> factory
				.addConnectorCustomizers((connector) -> connector.setProperty("socket.txBufSize", "8192"));
		}

	}

	private int sessionsOfTherapist() {
		SimpUser user = this.users.getUser(this.therapist.value());
		return (user != null) ? user.getSessions().size() : 0;
	}

	private JsonNode history(String query) {
		return new HttpTestClient(this.port)
			.get("/api/conversations/" + this.conversation + "/messages" + query, "Authorization",
					bearer(this.therapistToken))
			.json()
			.get("messages");
	}

	private StompTestClient connect(String token) throws Exception {
		StompTestClient stomp = StompTestClient.connect(this.port, token).subscribeUserQueues();
		this.open.add(stomp);
		return stomp;
	}

	private static long remaining(long start, long millis) {
		return Math.max(0, millis - millisSince(start));
	}

	private static long millisSince(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

}
