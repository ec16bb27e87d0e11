package be.cocon.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.support.HttpTestClient;
import be.cocon.support.Hostile;
import be.cocon.support.LogRecorder;
import be.cocon.support.RawStomp;
import be.cocon.support.RawStomp.Frame;
import be.cocon.support.RawWebSocket;
import be.cocon.support.StompTestClient;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the STOMP endpoint answers to frames a well-behaved client never sends: every
 * destination answers a payload that is not its JSON with {@code payload.malformed};
 * frames that break the protocol get one ERROR frame and a closed connection; a handshake
 * without an Origin is refused. None of it is logged at ERROR or with the client's text.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestTokens.class)
class HostileFrameTests {

	private static final String ORIGIN = StompTestClient.APP_ORIGIN;

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	private final List<AutoCloseable> open = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.open) {
			closeable.close();
		}
	}

	@Test
	void malformedJsonToEveryDestinationIsAnsweredWithPayloadMalformed() throws Exception {
		String client = this.tokens.tokenFor(Role.CLIENT);
		String enrolment = new HttpTestClient(this.port)
			.postJson("/api/enrolments", "{\"programmeId\":\"stress-and-relaxation\"}", "Authorization", bearer(client))
			.json()
			.get("id")
			.asString();
		StompTestClient stomp = StompTestClient.connect(this.port, client).subscribeUserQueues();
		this.open.add(stomp);
		try (LogRecorder log = LogRecorder.onRoot()) {
			for (String destination : List.of("/app/enrolments/" + enrolment + "/answers",
					"/app/conversations/c1/messages", "/app/conversations/c1/typing", "/app/conversations/c1/read")) {
				stomp.send(destination, "{not json " + Hostile.CANARY);

				JsonNode error = stomp.next("/user/queue/errors");
				assertThat(error.get("code").asString()).as(destination).isEqualTo("payload.malformed");
				assertThat(error.get("destination").asString()).isEqualTo(destination);
			}
			assertThat(log.errors()).isEmpty();
			assertThat(log.containing(Hostile.CANARY)).isEmpty();
		}
	}

	@Test
	void aHandshakeWithoutAnOriginIsRefusedWith403() {
		assertThat(RawWebSocket.handshakeStatus(this.port, null)).isEqualTo(403);
		assertThat(RawWebSocket.handshakeStatus(this.port, ORIGIN)).isEqualTo(101);
	}

	@Test
	void aFrameBeforeConnectGetsOneErrorFrameAndTheConnectionIsClosed() throws Exception {
		try (LogRecorder log = LogRecorder.onRoot()) {
			RawStomp stomp = open();
			stomp.sendText(("SEND\ndestination:/app/x\n\n{}\0SEND\ndestination:/app/y\n\n{}\0")
				.getBytes(StandardCharsets.UTF_8));

			assertRefused(stomp, "frame.before-connect");
			assertThat(log.errors()).isEmpty();
		}
	}

	@Test
	void aFrameOverTheLimitIsRefusedWithoutItsContentInTheLog() throws Exception {
		try (LogRecorder log = LogRecorder.onRoot()) {
			RawStomp stomp = connected();
			stomp.sendText(("SEND\ndestination:/app/x\n\n" + Hostile.CANARY.repeat(5000) + "\0")
				.getBytes(StandardCharsets.UTF_8));

			assertRefused(stomp, "frame.too-large");
			assertThat(log.errors()).isEmpty();
			assertThat(log.containing(Hostile.CANARY.substring(0, 8))).isEmpty();
		}
	}

	@Test
	void bytesThatAreNotStompGetOneErrorFrameWithoutTheirContentInTheLog() throws Exception {
		try (LogRecorder log = LogRecorder.onRoot()) {
			RawStomp stomp = connected();
			stomp.sendText(
					("SEND\ndestination:/app/a\\q" + Hostile.CANARY + "\n\n{}\0").getBytes(StandardCharsets.UTF_8));

			assertRefused(stomp, "frame.malformed");
			assertThat(log.errors()).isEmpty();
			assertThat(log.containing(Hostile.CANARY)).isEmpty();
		}
	}

	@Test
	void aSecondConnectAndUnsupportedCommandsAreRefused() throws Exception {
		try (LogRecorder log = LogRecorder.onRoot()) {
			RawStomp again = connected();
			again.sendText(RawStomp.frame("CONNECT", "accept-version", "1.2"));
			assertRefused(again, "frame.second-connect");

			RawStomp begin = connected();
			begin.sendText(RawStomp.frame("BEGIN", "transaction", "t1"));
			assertRefused(begin, "frame.unsupported-command");

			assertThat(log.errors()).isEmpty();
		}
	}

	private RawStomp open() {
		RawStomp stomp = RawStomp.open(this.port, ORIGIN);
		this.open.add(stomp);
		return stomp;
	}

	private RawStomp connected() throws InterruptedException {
		RawStomp stomp = open();
		assertThat(stomp.connect(this.tokens.tokenFor(Role.CLIENT)).command()).isEqualTo("CONNECTED");
		return stomp;
	}

	private static void assertRefused(RawStomp stomp, String code) throws InterruptedException {
		Frame error = stomp.next(5000);
		assertThat(error).isNotNull();
		assertThat(error.command()).isEqualTo("ERROR");
		assertThat(error.header("message")).startsWith(code);
		assertThat(stomp.awaitClosed(5000)).as("closed").isTrue();
		assertThat(stomp.next(200)).as("nothing after the ERROR frame").isNull();
	}

}
