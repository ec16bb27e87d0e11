package be.cocon.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.identity.UserId;
import be.cocon.support.HttpTestClient;
import be.cocon.support.StompTestClient;
import be.cocon.support.StompTestClient.Refusal;
import be.cocon.support.TcpProxy;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The STOMP API end to end, with real WebSocket STOMP clients against the running server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "cocon.chat.sends-per-minute=100")
@Import(TestTokens.class)
class ChatStompTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	UserId client;

	UserId therapist;

	String clientToken;

	String therapistToken;

	String conversation;

	final List<StompTestClient> open = new ArrayList<>();

	@BeforeEach
	void assignedPair() {
		this.client = this.tokens.account(Role.CLIENT);
		this.therapist = this.tokens.account(Role.THERAPIST);
		this.tokens.assign(this.client, this.therapist);
		this.clientToken = this.tokens.tokenFor(this.client, Role.CLIENT);
		this.therapistToken = this.tokens.tokenFor(this.therapist, Role.THERAPIST);
		this.conversation = ConversationDocument.therapyId(this.client.value(), this.therapist.value());
	}

	@AfterEach
	void closeAll() {
		this.open.forEach(StompTestClient::close);
	}

	@Test
	void sendIsAcknowledgedAfterStoringAndDeliveredToBothSides() throws Exception {
		StompTestClient kid = connect(this.clientToken);
		StompTestClient doc = connect(this.therapistToken);
		String id = UUID.randomUUID().toString();

		kid.sendMessage(this.conversation, id, "  Hallo, ik ben er.  ");

		JsonNode ack = kid.next("/user/queue/acks");
		assertThat(ack.get("clientMessageId").asString()).isEqualTo(id);
		assertThat(ack.get("seq").asLong()).isEqualTo(1);
		assertThat(ack.get("duplicate").asBoolean()).isFalse();
		JsonNode delivered = doc.next("/user/queue/messages");
		assertThat(delivered.get("body").asString()).isEqualTo("Hallo, ik ben er.");
		assertThat(delivered.get("senderId").asString()).isEqualTo(this.client.value());
		assertThat(kid.next("/user/queue/messages").get("seq").asLong()).isEqualTo(1);
		assertThat(history(this.clientToken, "").get("messages").size()).isEqualTo(1);
	}

	@Test
	void framesToClientsAreWrittenBySixteenThreadsSoAFewStalledClientsHoldUpNobody(
			@Autowired @Qualifier("clientOutboundChannelExecutor") ThreadPoolTaskExecutor outbound) {
		assertThat(outbound.getCorePoolSize()).isEqualTo(16);
	}

	@Test
	void aUserOnlineTwiceGetsEveryEventInEachSession() throws Exception {
		StompTestClient doc = connect(this.therapistToken);
		StompTestClient docElsewhere = connect(this.therapistToken);
		StompTestClient kid = connect(this.clientToken);
		StompTestClient kidElsewhere = connect(this.clientToken);
		assertThat(doc.next("/user/queue/presence").get("online").asBoolean()).isTrue();
		assertThat(docElsewhere.next("/user/queue/presence").get("online").asBoolean()).isTrue();

		List<String> ids = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			ids.add(UUID.randomUUID().toString());
			kid.sendMessage(this.conversation, ids.get(i - 1), "bericht " + i);
		}

		for (StompTestClient session : List.of(kid, kidElsewhere)) {
			for (String id : ids) {
				assertThat(session.next("/user/queue/acks").get("clientMessageId").asString()).isEqualTo(id);
			}
		}
		for (StompTestClient session : List.of(kid, kidElsewhere, doc, docElsewhere)) {
			for (int i = 1; i <= 3; i++) {
				JsonNode message = session.next("/user/queue/messages");
				assertThat(message.get("body").asString()).isEqualTo("bericht " + i);
				assertThat(message.get("seq").asLong()).isEqualTo(i);
			}
		}
	}

	@Test
	void aSendWithAReceiptHeaderGetsTheAckButNoReceiptFrame() throws Exception {
		StompTestClient kid = connect(this.clientToken);
		String id = UUID.randomUUID().toString();

		boolean receipt = kid.sendWithReceipt("/app/conversations/" + this.conversation + "/messages",
				"{\"clientMessageId\":\"" + id + "\",\"body\":\"met ontvangstbewijs\"}");

		assertThat(receipt).isFalse();
		assertThat(kid.next("/user/queue/acks").get("clientMessageId").asString()).isEqualTo(id);
	}

	@Test
	void resendWithSameClientIdCreatesNoSecondMessage() throws Exception {
		StompTestClient kid = connect(this.clientToken);
		String id = UUID.randomUUID().toString();

		kid.sendMessage(this.conversation, id, "once");
		JsonNode first = kid.next("/user/queue/acks");
		kid.sendMessage(this.conversation, id, "once");
		JsonNode second = kid.next("/user/queue/acks");

		assertThat(second.get("id").asString()).isEqualTo(first.get("id").asString());
		assertThat(second.get("duplicate").asBoolean()).isTrue();
		assertThat(history(this.clientToken, "").get("messages").size()).isEqualTo(1);
		assertThat(history(this.clientToken, "").get("lastSeq").asLong()).isEqualTo(1);
	}

	@Test
	void resendWithSameClientIdButAnotherTextIsRefusedAndStoresNothing() throws Exception {
		StompTestClient kid = connect(this.clientToken);
		String id = UUID.randomUUID().toString();

		kid.sendMessage(this.conversation, id, "eerste tekst");
		JsonNode first = kid.next("/user/queue/acks");
		kid.sendMessage(this.conversation, id, "andere tekst");
		JsonNode error = kid.next("/user/queue/errors");
		kid.sendMessage(this.conversation, id, "  eerste tekst ");
		JsonNode again = kid.next("/user/queue/acks");

		assertThat(error.get("code").asString()).isEqualTo("message.id-conflict");
		assertThat(error.get("clientMessageId").asString()).isEqualTo(id);
		assertThat(again.get("id").asString()).isEqualTo(first.get("id").asString());
		assertThat(again.get("duplicate").asBoolean()).isTrue();
		JsonNode history = history(this.clientToken, "");
		assertThat(history.get("lastSeq").asLong()).isEqualTo(1);
		assertThat(history.get("messages").get(0).get("body").asString()).isEqualTo("eerste tekst");
	}

	@Test
	void concurrentSendersGetDistinctOrderedSequenceNumbers() throws Exception {
		StompTestClient kid = connect(this.clientToken);
		StompTestClient doc = connect(this.therapistToken);
		int each = 20;
		ExecutorService pool = Executors.newFixedThreadPool(2);
		pool.execute(() -> sendMany(kid, "kid", each));
		pool.execute(() -> sendMany(doc, "doc", each));
		pool.shutdown();
		assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

		Set<Long> seqs = new TreeSet<>();
		for (int i = 0; i < each; i++) {
			seqs.add(kid.next("/user/queue/acks").get("seq").asLong());
			seqs.add(doc.next("/user/queue/acks").get("seq").asLong());
		}
		assertThat(seqs).hasSize(2 * each).first().isEqualTo(1L);
		JsonNode all = history(this.clientToken, "?limit=100").get("messages");
		assertThat(all.size()).isEqualTo(2 * each);
		List<Long> order = new ArrayList<>();
		List<String> kidBodies = new ArrayList<>();
		all.forEach((message) -> {
			order.add(message.get("seq").asLong());
			if (message.get("body").asString().startsWith("kid")) {
				kidBodies.add(message.get("body").asString());
			}
		});
		assertThat(order).isSorted();
		assertThat(kidBodies).containsExactly(expectedBodies("kid", each));
	}

	@Test
	void clientThatReconnectsResumesWithNoGapAndNoDuplicate() throws Exception {
		StompTestClient kid = connect(this.clientToken);
		StompTestClient doc = connect(this.therapistToken);
		doc.sendMessage(this.conversation, UUID.randomUUID().toString(), "before the drop");
		long lastSeen = kid.next("/user/queue/messages").get("seq").asLong();
		kid.close();

		for (int i = 1; i <= 5; i++) {
			doc.sendMessage(this.conversation, UUID.randomUUID().toString(), "while away " + i);
			doc.next("/user/queue/acks");
		}
		StompTestClient back = connect(this.clientToken);
		JsonNode page = history(this.clientToken, "?after=" + lastSeen);
		JsonNode missed = page.get("messages");
		long resumedAt = page.get("lastSeq").asLong();

		List<String> bodies = new ArrayList<>();
		missed.forEach((message) -> bodies.add(message.get("body").asString()));
		assertThat(bodies).containsExactly("while away 1", "while away 2", "while away 3", "while away 4",
				"while away 5");
		doc.sendMessage(this.conversation, UUID.randomUUID().toString(), "live again");
		// A message posted while the new subscription was being set up may arrive live as
		// well as in the history page; the app drops it by seq, so only such repeats may
		// come before the new message.
		JsonNode live = back.next("/user/queue/messages");
		while (!"live again".equals(live.get("body").asString())) {
			assertThat(live.get("seq").asLong()).isLessThanOrEqualTo(resumedAt);
			live = back.next("/user/queue/messages");
		}
		assertThat(live.get("seq").asLong()).isEqualTo(resumedAt + 1);
	}

	@Test
	void clientWhoseConnectionIsCutWithoutDisconnectResumesWithEveryMissedMessageOnce() throws Exception {
		StompTestClient doc = connect(this.therapistToken);
		try (TcpProxy network = new TcpProxy(this.port)) {
			StompTestClient kid = StompTestClient.connect(network.port(), this.clientToken).subscribeUserQueues();
			this.open.add(kid);
			assertThat(doc.next("/user/queue/presence").get("online").asBoolean()).isTrue();
			doc.sendMessage(this.conversation, UUID.randomUUID().toString(), "before the cut");
			doc.next("/user/queue/acks");
			long lastSeen = kid.next("/user/queue/messages").get("seq").asLong();

			// TCP reset: no STOMP DISCONNECT, no WebSocket close frame
			network.abort();
			assertThat(kid.awaitClosed(3000)).isTrue();
			JsonNode offline = doc.next("/user/queue/presence");
			assertThat(offline.get("online").asBoolean()).isFalse();
			List<Long> sentWhileAway = new ArrayList<>();
			for (int i = 1; i <= 5; i++) {
				doc.sendMessage(this.conversation, UUID.randomUUID().toString(), "while cut off " + i);
				sentWhileAway.add(doc.next("/user/queue/acks").get("seq").asLong());
			}

			StompTestClient back = StompTestClient.connect(network.port(), this.clientToken).subscribeUserQueues();
			this.open.add(back);
			JsonNode missed = history(this.clientToken, "?after=" + lastSeen).get("messages");
			List<Long> seqs = new ArrayList<>();
			List<String> bodies = new ArrayList<>();
			missed.forEach((message) -> {
				seqs.add(message.get("seq").asLong());
				bodies.add(message.get("body").asString());
			});
			assertThat(seqs).containsExactlyElementsOf(sentWhileAway).doesNotHaveDuplicates().isSorted();
			assertThat(bodies).containsExactly("while cut off 1", "while cut off 2", "while cut off 3",
					"while cut off 4", "while cut off 5");
			assertThat(back.poll("/user/queue/messages", 300)).isNull();
		}
	}

	@Test
	void subscribingOutsideTheOwnQueuesIsRefused() throws Exception {
		StompTestClient kid = connect(this.clientToken);

		kid.subscribe("/topic/everything");

		assertThat(kid.next("/user/queue/errors").get("code").asString()).isEqualTo("subscription.denied");
	}

	@Test
	void sendingStraightToTheBrokerIsRefused() throws Exception {
		StompTestClient kid = connect(this.clientToken);

		kid.send("/user/" + this.therapist + "/queue/messages", "{\"body\":\"spoofed\"}");

		assertThat(kid.next("/user/queue/errors").get("code").asString()).isEqualTo("destination.denied");
	}

	@Test
	void connectWithoutATokenGetsAnErrorFrameAndIsClosed() throws Exception {
		assertRefused(null, "auth.missing-token");
	}

	@Test
	void connectWithAGarbageTokenGetsAnErrorFrameAndIsClosed() throws Exception {
		assertRefused("not-a-token", "auth.invalid-token");
	}

	@Test
	void connectWithAnExpiredTokenGetsAnErrorFrameAndIsClosed() throws Exception {
		Instant past = Instant.now().minusSeconds(3600);
		String expired = this.tokens.sign(this.client,
				(claims) -> claims.issuedAt(past).notBefore(past).expiresAt(past.plusSeconds(60)));

		assertRefused(expired, "auth.invalid-token");
	}

	@Test
	void connectWithATamperedTokenGetsAnErrorFrameAndIsClosed() throws Exception {
		String[] parts = this.clientToken.split("\\.");
		String otherPayload = this.tokens.tokenFor(Role.ADMIN).split("\\.")[1];

		assertRefused(parts[0] + "." + otherPayload + "." + parts[2], "auth.invalid-token");
	}

	@Test
	void connectWithTheTokenOfADisabledAccountGetsAnErrorFrameAndIsClosed() throws Exception {
		this.tokens.disable(this.client);

		assertRefused(this.clientToken, "auth.invalid-token");
	}

	@Test
	void handshakeFromAForeignOriginIsRefusedWith403() throws Exception {
		assertThat(handshakeStatus("https://evil.example")).isEqualTo(403);
		assertThat(handshakeStatus("http://localhost:8080")).isEqualTo(101);
		assertThatThrownBy(() -> StompTestClient.connect(this.port, this.clientToken, "https://evil.example"))
			.hasStackTraceContaining("403");
	}

	@Test
	void handshakeFromTheAppsOwnOriginIsAccepted() throws Exception {
		StompTestClient kid = StompTestClient.connect(this.port, this.clientToken, "http://localhost:8080");
		this.open.add(kid);

		assertThat(kid.isConnected()).isTrue();
	}

	@Test
	void badSendsGetAnErrorWithTheirCode() throws Exception {
		StompTestClient kid = connect(this.clientToken);

		assertThat(errorFor(kid, UUID.randomUUID().toString(), "x".repeat(4001))).isEqualTo("message.too-long");
		assertThat(errorFor(kid, UUID.randomUUID().toString(), "   ")).isEqualTo("message.empty");
		assertThat(errorFor(kid, UUID.randomUUID().toString(), "bell\u0007")).isEqualTo("message.control-characters");
		assertThat(errorFor(kid, UUID.randomUUID().toString(), "tab\tin between"))
			.isEqualTo("message.control-characters");
		assertThat(errorFor(kid, UUID.randomUUID().toString(), "next line\u0085here"))
			.isEqualTo("message.control-characters");
		assertThat(errorFor(kid, UUID.randomUUID().toString(), "delete\u007f")).isEqualTo("message.control-characters");
		assertThat(errorFor(kid, "not-a-uuid", "hi")).isEqualTo("message.invalid-client-id");
		kid.send("/app/conversations/" + this.conversation + "/messages", "{not json");
		JsonNode notJson = kid.next("/user/queue/errors");
		assertThat(notJson.get("code").asString()).isEqualTo("payload.malformed");
		assertThat(notJson.get("clientMessageId").isNull()).isTrue();
		String wrongShape = UUID.randomUUID().toString();
		kid.send("/app/conversations/" + this.conversation + "/messages",
				"{\"clientMessageId\":\"" + wrongShape + "\",\"body\":{\"text\":\"hi\"}}");
		JsonNode malformed = kid.next("/user/queue/errors");
		assertThat(malformed.get("code").asString()).isEqualTo("payload.malformed");
		assertThat(malformed.get("clientMessageId").asString()).isEqualTo(wrongShape);
		String lost = UUID.randomUUID().toString();
		kid.send("/app/nowhere", "{\"clientMessageId\":\"" + lost + "\",\"body\":\"hi\"}");
		JsonNode unknown = kid.next("/user/queue/errors");
		assertThat(unknown.get("code").asString()).isEqualTo("destination.unknown");
		assertThat(unknown.get("clientMessageId").asString()).isEqualTo(lost);
		assertThat(history(this.clientToken, "").get("lastSeq").asLong()).isZero();
	}

	@Test
	void newlinesAreKept() throws Exception {
		StompTestClient kid = connect(this.clientToken);

		kid.sendMessage(this.conversation, UUID.randomUUID().toString(), "line one\r\nline two\rline three");
		kid.next("/user/queue/acks");

		assertThat(history(this.clientToken, "").get("messages").get(0).get("body").asString())
			.isEqualTo("line one\nline two\nline three");
	}

	@Test
	void frameOfThirtyKibibytesIsReadAndAnswered() throws Exception {
		StompTestClient kid = connect(this.clientToken);

		// over the 16 KiB a WebSocket message may have by default, under the 64 KiB frame
		// limit: the body is parsed and then refused for its length
		assertThat(errorFor(kid, UUID.randomUUID().toString(), "x".repeat(30 * 1024))).isEqualTo("message.too-long");
		assertThat(kid.isConnected()).isTrue();
	}

	@Test
	void frameOverTheSizeLimitGetsAnErrorFrameAndClosesTheConnection() throws Exception {
		StompTestClient kid = connect(this.clientToken);

		sendIgnoringClose(kid, "x".repeat(70_000));

		assertThat(kid.nextError(3000)).startsWith("ERROR ");
		assertThat(kid.awaitClosed(3000)).isTrue();
		assertThat(history(this.clientToken, "").get("lastSeq").asLong()).isZero();
	}

	@Test
	void messageFarOverTheSizeLimitGetsAnErrorFrameToo() throws Exception {
		// the container hands it over in parts, so the frame gate sees it however large
		StompTestClient kid = connect(this.clientToken);

		sendIgnoringClose(kid, "x".repeat(200_000));

		assertThat(kid.nextError(3000)).startsWith("ERROR ").contains("frame.too-large");
		assertThat(kid.awaitClosed(3000)).isTrue();
		assertThat(history(this.clientToken, "").get("lastSeq").asLong()).isZero();
	}

	@Test
	void typingAndReadMarkersReachTheOtherSide() throws Exception {
		StompTestClient kid = connect(this.clientToken);
		StompTestClient doc = connect(this.therapistToken);
		doc.subscribe("/topic/typing." + this.conversation);
		Thread.sleep(150);

		kid.send("/app/conversations/" + this.conversation + "/typing", "{\"typing\":true}");
		JsonNode typing = doc.next("/topic/typing." + this.conversation);
		assertThat(typing.get("userId").asString()).isEqualTo(this.client.value());
		assertThat(typing.get("typing").asBoolean()).isTrue();

		kid.sendMessage(this.conversation, UUID.randomUUID().toString(), "lees je dit?");
		long seq = doc.next("/user/queue/messages").get("seq").asLong();
		doc.send("/app/conversations/" + this.conversation + "/read", "{\"seq\":" + seq + "}");
		JsonNode read = kid.next("/user/queue/read");
		assertThat(read.get("userId").asString()).isEqualTo(this.therapist.value());
		assertThat(read.get("seq").asLong()).isEqualTo(seq);

		doc.send("/app/conversations/" + this.conversation + "/read", "{\"seq\":99}");
		assertThat(doc.next("/user/queue/errors").get("code").asString()).isEqualTo("read.invalid-seq");
	}

	@Test
	void conversationListShowsUnreadCountsPreviewAndPresence() throws Exception {
		StompTestClient kid = connect(this.clientToken);
		kid.sendMessage(this.conversation, UUID.randomUUID().toString(), "eerste bericht");
		kid.next("/user/queue/acks");

		JsonNode list = new HttpTestClient(this.port)
			.get("/api/conversations", "Authorization", bearer(this.therapistToken))
			.json();

		JsonNode mine = list.get(0);
		assertThat(mine.get("id").asString()).isEqualTo(this.conversation);
		assertThat(mine.get("unread").asLong()).isEqualTo(1);
		assertThat(mine.get("lastMessage").get("text").asString()).isEqualTo("eerste bericht");
		JsonNode clientParticipant = mine.get("participants").get(0);
		assertThat(clientParticipant.get("id").asString()).isEqualTo(this.client.value());
		assertThat(clientParticipant.get("online").asBoolean()).isTrue();
	}

	@Test
	void presenceChangesAreSentToThePartner() throws Exception {
		StompTestClient doc = connect(this.therapistToken);
		StompTestClient kid = connect(this.clientToken);

		JsonNode online = doc.next("/user/queue/presence");
		kid.close();
		JsonNode offline = doc.next("/user/queue/presence");

		assertThat(online.get("online").asBoolean()).isTrue();
		assertThat(offline.get("userId").asString()).isEqualTo(this.client.value());
		assertThat(offline.get("online").asBoolean()).isFalse();
	}

	private void sendIgnoringClose(StompTestClient stomp, String body) {
		try {
			stomp.sendMessage(this.conversation, UUID.randomUUID().toString(), body);
		}
		catch (MessageDeliveryException ex) {
			// the server may close the connection while the frame is still being sent
		}
	}

	/** The HTTP status of a raw WebSocket upgrade request from this origin. */
	private int handshakeStatus(String origin) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(5000);
			String request = "GET /ws HTTP/1.1\r\nHost: localhost:" + this.port + "\r\nUpgrade: websocket\r\n"
					+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
					+ "Sec-WebSocket-Version: 13\r\nOrigin: " + origin + "\r\n\r\n";
			socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			String statusLine = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			return Integer.parseInt(statusLine.split(" ")[1]);
		}
	}

	private void assertRefused(String token, String code) throws InterruptedException {
		Refusal refusal = StompTestClient.connectExpectingRefusal(this.port, token, 3000);

		assertThat(refusal.connected()).isFalse();
		assertThat(refusal.errorFrame()).startsWith(code);
		assertThat(refusal.closed()).isTrue();
	}

	private String errorFor(StompTestClient stomp, String clientMessageId, String body) throws InterruptedException {
		stomp.sendMessage(this.conversation, clientMessageId, body);
		JsonNode error = stomp.next("/user/queue/errors");
		return error.get("code").asString();
	}

	private JsonNode history(String token, String query) {
		return new HttpTestClient(this.port)
			.get("/api/conversations/" + this.conversation + "/messages" + query, "Authorization", bearer(token))
			.json();
	}

	private StompTestClient connect(String token) throws Exception {
		StompTestClient stomp = StompTestClient.connect(this.port, token).subscribeUserQueues();
		this.open.add(stomp);
		return stomp;
	}

	private void sendMany(StompTestClient stomp, String prefix, int count) {
		for (String body : expectedBodies(prefix, count)) {
			stomp.sendMessage(this.conversation, UUID.randomUUID().toString(), body);
		}
	}

	private static String[] expectedBodies(String prefix, int count) {
		String[] bodies = new String[count];
		for (int i = 0; i < count; i++) {
			bodies[i] = prefix + " " + String.format("%02d", i);
		}
		return bodies;
	}

}
