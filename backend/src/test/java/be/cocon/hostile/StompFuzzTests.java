package be.cocon.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.spi.ILoggingEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.simp.SimpMessageMappingInfo;
import org.springframework.messaging.simp.annotation.support.SimpAnnotationMethodMessageHandler;

import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.support.FuzzRun;
import be.cocon.support.Hostile;
import be.cocon.support.LogRecorder;
import be.cocon.support.RawStomp;
import be.cocon.support.RawStomp.Frame;
import be.cocon.support.RawWebSocket;
import be.cocon.support.StompTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The STOMP endpoint against hostile clients, over a WebSocket written by hand.
 * Connection cases, each on a new socket: bytes that are not STOMP or not UTF-8, unknown
 * commands, frames before CONNECT, bad tokens, huge or broken headers, wrong content
 * lengths, a second CONNECT, unsupported commands, oversized frames and broken WebSocket
 * framing; each must end in a STOMP ERROR frame with the documented code and a closed
 * connection (or, for an unfinished frame, nothing). Session cases, on connected sessions
 * of every role: random and hostile JSON for every {@code @MessageMapping} destination,
 * hostile destination ids, destinations that do not exist or may not be used, other
 * content types; a malformed payload must get exactly one {@code payload.malformed} error
 * event, and the sessions must stay open. Afterwards the server is healthy, the
 * sentinel's data is unchanged, nothing was logged at ERROR and no client text was
 * logged. The seed is printed; {@code -Dcocon.fuzz.seed=<n>} replays a run,
 * {@code -Dcocon.fuzz.stomp.cases} sets the number of session frames and
 * {@code -Dcocon.fuzz.stomp-connections.cases} the number of connection cases.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestTokens.class)
class StompFuzzTests {

	private static final String ORIGIN = StompTestClient.APP_ORIGIN;

	private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

	private static final ObjectMapper JSON = new ObjectMapper();

	/**
	 * Fields of each destination's payload, for random JSON that comes close to valid.
	 */
	private static final Map<String, List<String>> FIELDS = Map.of("messages", List.of("clientMessageId", "body"),
			"typing", List.of("typing"), "read", List.of("seq"), "answers", List.of("stepId", "answer"));

	@LocalServerPort
	int port;

	@Autowired
	TestTokens testTokens;

	@Autowired
	@Qualifier("simpAnnotationMethodMessageHandler")
	SimpAnnotationMethodMessageHandler handlers;

	private FuzzWorld world;

	private int malformedSends;

	@Test
	void hostileFramesAreRefusedCleanlyAndChangeNoStoredData() throws Exception {
		FuzzRun run = FuzzRun.start("stomp");
		Random random = run.random();
		this.world = new FuzzWorld(this.port, this.testTokens);
		Map<String, JsonNode> sentinelBefore = this.world.sentinelData();
		List<String> destinations = destinations();
		List<ConnectionCase> connectionCases = connectionCases(random,
				Integer.getInteger("cocon.fuzz.stomp-connections.cases", 300));
		List<String> failures = Collections.synchronizedList(new ArrayList<>());

		long started = System.nanoTime();
		try (LogRecorder log = LogRecorder.onRoot()) {
			ExecutorService pool = Executors.newFixedThreadPool(6);
			List<Future<?>> running = new ArrayList<>();
			for (ConnectionCase fuzz : connectionCases) {
				running.add(pool.submit(() -> fuzz.run(this.port, failures)));
			}
			int frames = sessionFrames(random, destinations, run.cases(2500), failures);
			for (Future<?> future : running) {
				future.get(2, TimeUnit.MINUTES);
			}
			pool.shutdown();
			long seconds = (System.nanoTime() - started) / 1_000_000_000;
			this.world.assertHealthy();
			List<ILoggingEvent> errors = log.errors();
			List<ILoggingEvent> leaked = log.containing(Hostile.CANARY);
			run.figure("destinations", destinations.size());
			run.figure("connectionCases", connectionCases.size());
			run.figure("sessionFrames", frames);
			run.figure("malformedSends", this.malformedSends);
			run.figure("seconds", seconds);
			run.figure("failures", failures.size());
			run.figure("errorLogLines", errors.size());
			run.figure("logLinesWithClientText", leaked.size());
			run.report();

			assertThat(failures).as(run.replay() + "\n" + String.join("\n", failures.stream().limit(40).toList()))
				.isEmpty();
			assertThat(this.world.sentinelData()).as("the sentinel's data after the run").isEqualTo(sentinelBefore);
			assertThat(errors).as(run.replay() + ": ERROR lines\n" + LogRecorder.describe(errors)).isEmpty();
			assertThat(leaked).as(run.replay() + ": client text in the log\n" + LogRecorder.describe(leaked)).isEmpty();
		}
	}

	/** Every {@code @MessageMapping} destination, with its {@code /app} prefix. */
	private List<String> destinations() {
		Set<String> patterns = new TreeSet<>();
		for (SimpMessageMappingInfo info : this.handlers.getHandlerMethods().keySet()) {
			for (String pattern : info.getDestinationConditions().getPatterns()) {
				if (!pattern.equals("/**")) {
					patterns.add("/app" + pattern);
				}
			}
		}
		assertThat(patterns).as("the STOMP destinations").isNotEmpty();
		return new ArrayList<>(patterns);
	}

	// ---- session frames

	/**
	 * Sends the frames in batches over one connected session per role, each batch ended
	 * by a SEND to a destination that does not exist, whose error event tells that the
	 * session took everything before it. @return how many frames were sent
	 */
	private int sessionFrames(Random random, List<String> destinations, int count, List<String> failures)
			throws Exception {
		Map<Role, RawStomp> sessions = new LinkedHashMap<>();
		for (Role role : Role.values()) {
			RawStomp stomp = RawStomp.open(this.port, ORIGIN);
			Frame connected = stomp.connect(this.world.token(role));
			assertThat(connected).as("CONNECTED for " + role).isNotNull();
			assertThat(connected.command()).isEqualTo("CONNECTED");
			stomp.subscribe("errors", "/user/queue/errors");
			stomp.subscribe("acks", "/user/queue/acks");
			stomp.subscribe("messages", "/user/queue/messages");
			sessions.put(role, stomp);
		}
		List<Role> roles = new ArrayList<>(sessions.keySet());
		int sent = 0;
		int batch = 0;
		while (sent < count) {
			Map<Role, List<String>> malformed = new LinkedHashMap<>();
			for (int i = 0; i < 100 && sent < count; i++, sent++) {
				Role role = Hostile.pick(random, roles);
				SessionFrame frame = sessionFrame(random, destinations, role, batch * 1000 + i);
				frame.send(sessions.get(role));
				if (frame.malformedAt() != null) {
					this.malformedSends++;
					malformed.computeIfAbsent(role, (key) -> new ArrayList<>()).add(frame.malformedAt());
				}
			}
			for (Role role : roles) {
				checkBatch(role, sessions.get(role), malformed.getOrDefault(role, List.of()), failures);
			}
			batch++;
		}
		for (RawStomp stomp : sessions.values()) {
			stomp.sendText(RawStomp.frame("DISCONNECT"));
			stomp.close();
		}
		return sent;
	}

	/**
	 * Reads a session's frames up to its barrier: every malformed SEND must have been
	 * answered with one {@code payload.malformed} event naming its destination, and no
	 * ERROR frame may have come.
	 */
	private void checkBatch(Role role, RawStomp stomp, List<String> malformed, List<String> failures)
			throws InterruptedException {
		String barrier = "/app/fuzz-barrier-" + UUID.randomUUID();
		stomp.sendText(RawStomp.frame("SEND", "destination", barrier, "content-type", "application/json"));
		List<String> answered = new ArrayList<>();
		while (true) {
			Frame frame = stomp.next(15_000);
			if (frame == null) {
				failures.add(role + " session: no answer to the barrier within 15 s (closed: "
						+ stomp.socket().isClosed() + ")");
				return;
			}
			if (!"MESSAGE".equals(frame.command())) {
				failures.add(role + " session got " + frame.command() + " " + frame.headers());
				continue;
			}
			if (!"/user/queue/errors".equals(frame.header("destination"))) {
				continue;
			}
			JsonNode event = JSON.readTree(frame.body());
			String destination = event.path("destination").asString("");
			if (destination.equals(barrier)) {
				break;
			}
			if ("payload.malformed".equals(event.path("code").asString("")) && destination.startsWith("/app/")
					&& destination.contains("fuzz-malformed-")) {
				answered.add(destination);
			}
		}
		List<String> expected = new ArrayList<>(malformed);
		Collections.sort(expected);
		Collections.sort(answered);
		if (!answered.equals(expected)) {
			failures.add(role + " session: malformed sends " + malformed.size() + ", payload.malformed answers "
					+ answered.size() + "; missing " + minus(malformed, answered) + ", extra "
					+ minus(answered, malformed));
		}
	}

	private static List<String> minus(List<String> all, List<String> some) {
		List<String> rest = new ArrayList<>(all);
		some.forEach(rest::remove);
		return rest.stream().limit(5).toList();
	}

	private SessionFrame sessionFrame(Random random, List<String> destinations, Role role, int serial) {
		String pattern = Hostile.pick(random, destinations);
		String kind = pattern.substring(pattern.lastIndexOf('/') + 1);
		List<String> fields = FIELDS.getOrDefault(kind, List.of());
		int choice = random.nextInt(100);
		if (choice < 30) {
			// a payload that cannot be the destination's JSON: exactly one
			// payload.malformed
			String destination = fill(pattern, (name) -> "fuzz-malformed-" + serial);
			return malformed(random, destination, kind);
		}
		if (choice < 55) {
			return SessionFrame.json(fill(pattern, (name) -> realId(random, name)),
					Hostile.randomObject(random, fields, 3));
		}
		if (choice < 70) {
			String destination = fill(pattern, (name) -> Hostile.pick(random, Hostile.STRINGS));
			return SessionFrame.json(destination, validPayload(kind));
		}
		if (choice < 80) {
			String hostile = Hostile.pick(random, Hostile.STRINGS);
			String destination = Hostile.pick(random, List.of("/app/" + hostile, "/topic/" + hostile,
					"/user/queue/" + hostile, "/queue/" + hostile, hostile, "/app/conversations/" + hostile));
			return SessionFrame.json(destination, Hostile.randomObject(random, fields, 2));
		}
		if (choice < 90) {
			String hostile = Hostile.pick(random, Hostile.STRINGS);
			String destination = Hostile.pick(random,
					List.of("/topic/" + hostile, "/topic/typing." + hostile, "/user/queue/x" + hostile,
							"/app/" + hostile, "/queue/" + hostile,
							"/topic/typing." + this.world.sentinelConversation));
			return SessionFrame.subscribe(destination, "fuzz-" + serial, random.nextBoolean());
		}
		String hostile = Hostile.pick(random, Hostile.STRINGS);
		return SessionFrame.json(fill(pattern, (name) -> realId(random, name)), Hostile.quoted(hostile));
	}

	/** A SEND whose payload the destination cannot read, in one of several ways. */
	private static SessionFrame malformed(Random random, String destination, String kind) {
		int way = random.nextInt(9);
		return switch (way) {
			case 0 -> SessionFrame.raw(destination, "application/json",
					Hostile.pick(random, List.of("{", "", "nul", "{\"a\":}", "[", "{'a':1}", "<xml/>", Hostile.CANARY))
						.getBytes(StandardCharsets.UTF_8));
			case 1 -> SessionFrame.raw(destination, "application/json",
					Hostile.pick(random, List.of("[]", "\"" + Hostile.CANARY + "\"", "1", "true", "[{}]"))
						.getBytes(StandardCharsets.UTF_8));
			case 2 -> SessionFrame.raw(destination, "application/json",
					Hostile.nested(700 + random.nextInt(2000)).getBytes(StandardCharsets.UTF_8));
			case 3 -> SessionFrame.binary(destination, invalidUtf8Json(random));
			case 4 -> SessionFrame.raw(destination, Hostile.pick(random, List.of("text/plain", "application/xml")),
					validPayload(kind).getBytes(StandardCharsets.UTF_8));
			default -> SessionFrame.raw(destination, "application/json",
					wrongTypes(random, kind).getBytes(StandardCharsets.UTF_8));
		};
	}

	/** JSON of the right shape with a field of a type that cannot be read as it. */
	private static String wrongTypes(Random random, String kind) {
		return switch (kind) {
			case "messages" -> Hostile.pick(random, List.of("{\"body\":{}}", "{\"body\":[\"" + Hostile.CANARY + "\"]}",
					"{\"clientMessageId\":{\"$gt\":\"\"},\"body\":\"x\"}"));
			case "typing" ->
				Hostile.pick(random, List.of("{\"typing\":{}}", "{\"typing\":[]}", "{\"typing\":\"maybe\"}"));
			case "read" -> Hostile.pick(random,
					List.of("{\"seq\":\"abc\"}", "{\"seq\":{}}", "{\"seq\":9223372036854775808}", "{\"seq\":[1]}"));
			case "answers" -> Hostile.pick(random, List.of("{\"answer\":[]}", "{\"answer\":\"" + Hostile.CANARY + "\"}",
					"{\"stepId\":{},\"answer\":{}}"));
			default -> "[]";
		};
	}

	private static byte[] invalidUtf8Json(Random random) {
		byte[] junk = Hostile.randomBytes(random, 8 + random.nextInt(40));
		junk[0] = (byte) 0xff;
		byte[] json = new byte[junk.length + 11];
		System.arraycopy("{\"body\":\"".getBytes(StandardCharsets.US_ASCII), 0, json, 0, 9);
		System.arraycopy(junk, 0, json, 9, junk.length);
		json[json.length - 2] = '"';
		json[json.length - 1] = '}';
		for (int i = 9; i < 9 + junk.length; i++) {
			if (json[i] == '"' || json[i] == '\\' || json[i] == 0) {
				json[i] = (byte) 0xfe;
			}
		}
		return json;
	}

	private static String validPayload(String kind) {
		return switch (kind) {
			case "messages" ->
				"{\"clientMessageId\":\"" + UUID.randomUUID() + "\",\"body\":\"hallo " + Hostile.CANARY + "\"}";
			case "typing" -> "{\"typing\":true}";
			case "read" -> "{\"seq\":1}";
			case "answers" -> "{\"stepId\":\"welcome\",\"answer\":{}}";
			default -> "{}";
		};
	}

	private String realId(Random random, String name) {
		return switch (name) {
			case "conversationId" -> Hostile.pick(random, List.of(this.world.therapyConversation,
					this.world.guideConversation, this.world.sentinelConversation));
			case "enrolmentId" -> Hostile.pick(random, List.of(this.world.enrolment, this.world.sentinelEnrolment));
			default -> throw new IllegalStateException(
					"No real value for destination variable " + name + ": teach the fuzzer one");
		};
	}

	private static String fill(String pattern, java.util.function.Function<String, String> values) {
		Matcher variables = VARIABLE.matcher(pattern);
		StringBuilder destination = new StringBuilder();
		while (variables.find()) {
			variables.appendReplacement(destination, Matcher.quoteReplacement(values.apply(variables.group(1))));
		}
		variables.appendTail(destination);
		return destination.toString();
	}

	/**
	 * One frame on a connected session.
	 *
	 * @param command SEND or SUBSCRIBE
	 * @param headers its headers (values escaped when sent)
	 * @param body its body
	 * @param binary whether it goes as a binary WebSocket message
	 * @param malformedAt the destination when the payload is malformed, else null
	 */
	private record SessionFrame(String command, List<String[]> headers, byte[] body, boolean binary,
			String malformedAt) {

		static SessionFrame json(String destination, String json) {
			return new SessionFrame("SEND",
					List.of(new String[][] { { "destination", destination }, { "content-type", "application/json" } }),
					json.getBytes(StandardCharsets.UTF_8), false, null);
		}

		static SessionFrame raw(String destination, String contentType, byte[] body) {
			return new SessionFrame("SEND",
					List.of(new String[][] { { "destination", destination }, { "content-type", contentType } }), body,
					false, destination);
		}

		static SessionFrame binary(String destination, byte[] body) {
			return new SessionFrame("SEND",
					List.of(new String[][] { { "destination", destination }, { "content-type", "application/json" } }),
					body, true, destination);
		}

		static SessionFrame subscribe(String destination, String id, boolean unsubscribe) {
			return new SessionFrame(unsubscribe ? "UNSUBSCRIBE" : "SUBSCRIBE",
					unsubscribe ? List.of(new String[][] { { "id", id } })
							: List.of(new String[][] { { "id", id }, { "destination", destination } }),
					new byte[0], false, null);
		}

		void send(RawStomp stomp) {
			List<String[]> escaped = this.headers.stream()
				.map((header) -> new String[] { header[0], RawStomp.escape(header[1]) })
				.toList();
			byte[] frame = RawStomp.frame(this.command, escaped, this.body);
			if (this.binary) {
				stomp.sendBinary(frame);
			}
			else {
				stomp.sendText(frame);
			}
		}

	}

	// ---- connection cases

	private List<ConnectionCase> connectionCases(Random random, int count) {
		String token = this.world.newClientToken();
		List<ConnectionCase> cases = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			cases.add(connectionCase(random, token, i));
		}
		return cases;
	}

	private ConnectionCase connectionCase(Random random, String token, int serial) {
		String connect = "CONNECT\naccept-version:1.2\nhost:localhost\nAuthorization:Bearer " + token + "\n\n\0";
		String send = "SEND\ndestination:/app/conversations/x/messages\ncontent-type:application/json\n\n{}\0";
		int kind = random.nextInt(26);
		return switch (kind) {
			case 0 -> ConnectionCase.text("random text", null, Hostile.randomText(random, 1 + random.nextInt(300)),
					null, false);
			case 1 -> ConnectionCase.bytes("random bytes", null, Hostile.randomBytes(random, 1 + random.nextInt(300)),
					RawWebSocket.BINARY, null, false);
			case 2 -> ConnectionCase.bytes("text message that is not UTF-8", null,
					new byte[] { 'C', 'O', (byte) 0xff, (byte) 0xc3, '\n', '\n', 0 }, RawWebSocket.TEXT, "", true);
			case 3 -> ConnectionCase.text(
					"unknown command", null, Hostile.pick(random, List.of("FOO\n\n\0", "connect\n\n\0",
							"CONNECTX\n\n\0", "CON\0NECT\n\n\0", Hostile.CANARY + "\n\n\0", "\n\n\nSEND \n\n\0")),
					"frame.malformed", true);
			case 4 -> ConnectionCase.text("frame before CONNECT", null,
					Hostile.pick(random,
							List.of(send, "SUBSCRIBE\nid:1\ndestination:/user/queue/errors\n\n\0",
									"UNSUBSCRIBE\nid:1\n\n\0", "DISCONNECT\nreceipt:1\n\n\0", "ACK\nid:1\n\n\0",
									"BEGIN\ntransaction:1\n\n\0", send + send + send)),
					"frame.before-connect", true);
			case 5 -> ConnectionCase.text("CONNECT with a bad token", null,
					"CONNECT\naccept-version:1.2\nhost:localhost\nAuthorization:"
							+ Hostile.pick(random,
									List.of("Bearer " + Hostile.CANARY, "Bearer ", "Basic " + Hostile.CANARY,
											"Bearer " + "x".repeat(50_000), "Bearer a.b.c", "bearer " + token))
							+ "\n\n\0",
					"auth.", true);
			case 6 -> ConnectionCase.text("CONNECT without a token, then a SEND", null,
					"CONNECT\naccept-version:1.2\nhost:localhost\n\n\0" + send, "auth.missing-token", true);
			case 7 -> ConnectionCase.text("a header over the frame limit", connect,
					"SEND\ndestination:/app/x\nx-big:" + "y".repeat(70_000) + "\n\n{}\0", "frame.too-large", true);
			case 8 -> ConnectionCase.text("many headers", connect, manyHeaders(random), null, false);
			case 9 -> ConnectionCase.text("an invalid escape in a header", connect,
					"SEND\ndestination:/app/a\\q" + Hostile.CANARY + "\n\n{}\0", "frame.malformed", true);
			case 10 -> ConnectionCase.text("a header line without a colon", connect,
					"SEND\ndestination:/app/a\n" + Hostile.CANARY + "\n\n{}\0", "frame.malformed", true);
			case 11 ->
				ConnectionCase
					.text("a content-length that is not a number (ignored)", connect,
							"SEND\ndestination:/app/a\ncontent-length:"
									+ Hostile.pick(random, List.of("abc", "1e3", "", "0x10")) + "\n\n{}\0",
							null, false);
			case 12 -> ConnectionCase.text("a content-length shorter than the body", connect,
					"SEND\ndestination:/app/a\ncontent-length:1\n\n{\"x\":1}\0", "frame.malformed", true);
			case 13 -> ConnectionCase.text("a content-length longer than the body", connect,
					"SEND\ndestination:/app/a\ncontent-length:" + (100 + random.nextInt(60_000)) + "\n\n{}\0", null,
					false);
			case 14 -> ConnectionCase.text("a frame without its NUL", connect,
					"SEND\ndestination:/app/a\n\n{\"body\":\"" + Hostile.CANARY + "\"}", null, false);
			case 15 -> ConnectionCase.text("a second CONNECT", connect, connect, "frame.second-connect", true);
			case 16 -> ConnectionCase.text("an unsupported command", connect,
					Hostile.pick(random,
							List.of("ACK\nid:1\n\n\0", "NACK\nid:1\n\n\0", "BEGIN\ntransaction:t\n\n\0",
									"COMMIT\ntransaction:t\n\n\0", "ABORT\ntransaction:t\n\n\0",
									"MESSAGE\ndestination:/app/a\n\n{}\0", "ERROR\nmessage:x\n\n\0",
									"CONNECTED\nversion:1.2\n\n\0", "RECEIPT\nreceipt-id:1\n\n\0")),
					"frame.unsupported-command", true);
			case 17 -> ConnectionCase.text("a frame without the headers its command needs", connect,
					Hostile.pick(random,
							List.of("SEND\ncontent-type:application/json\n\n{}\0",
									"SUBSCRIBE\ndestination:/user/queue/errors\n\n\0", "SUBSCRIBE\nid:1\n\n\0",
									"UNSUBSCRIBE\n\n\0")),
					"frame.malformed", true);
			case 18 -> ConnectionCase.text("a heart-beat that is not two numbers", null,
					"CONNECT\naccept-version:1.2\nheart-beat:"
							+ Hostile.pick(random, List.of("a,b", "-1,-1", ",", "1,x")) + "\nAuthorization:Bearer "
							+ token + "\n\n\0",
					"frame.malformed", true);
			case 19 -> ConnectionCase.text("an unknown STOMP version", null,
					"CONNECT\naccept-version:" + Hostile.pick(random, List.of("9.9", "1.0", Hostile.CANARY, "1.2.3"))
							+ "\nAuthorization:Bearer " + token + "\n\n\0",
					"frame.unsupported-version", true);
			case 20 -> ConnectionCase.text("a frame over the size limit", connect,
					"SEND\ndestination:/app/a\ncontent-type:application/json\n\n" + "x".repeat(70_000) + "\0",
					"frame.too-large", true);
			case 21 -> ConnectionCase.text("a WebSocket message over twice the limit", connect,
					"SEND\ndestination:/app/a\n\n" + "x".repeat(200_000) + "\0", "", true);
			case 22 -> ConnectionCase.bytes("a reserved WebSocket opcode", null, new byte[] { 1, 2, 3 },
					3 + random.nextInt(5), "", true);
			case 23 -> ConnectionCase.bytes("a continuation without a start", null, "SEND\n\n\0".getBytes(),
					RawWebSocket.CONTINUATION, "", true);
			case 24 -> ConnectionCase.fragmented("a CONNECT in fragments", connect);
			default -> ConnectionCase.text("CONNECT, DISCONNECT, then a SEND", null,
					connect + "DISCONNECT\nreceipt:r1\n\n\0" + send, null, false);
		};
	}

	private static String manyHeaders(Random random) {
		StringBuilder frame = new StringBuilder("SEND\ndestination:/app/a\n");
		for (int i = 0; i < 2000 + random.nextInt(2000); i++) {
			frame.append("h").append(i).append(':').append(i).append('\n');
		}
		return frame.append("\n{}\0").toString();
	}

	/**
	 * One hostile connection.
	 *
	 * @param what what is hostile about it
	 * @param connect the frame sent first and answered with CONNECTED, or null
	 * @param payload what is sent then, in one WebSocket message
	 * @param opcode the WebSocket opcode of that message
	 * @param fragmented whether the payload goes in fragments
	 * @param errorCode the start of the expected ERROR frame's message, "" for a close
	 * without one, null when anything may happen (an unfinished frame)
	 * @param closes whether the server must close the connection
	 */
	private record ConnectionCase(String what, String connect, byte[] payload, int opcode, boolean fragmented,
			String errorCode, boolean closes) {

		static ConnectionCase text(String what, String connect, String payload, String errorCode, boolean closes) {
			return new ConnectionCase(what, connect, payload.getBytes(StandardCharsets.UTF_8), RawWebSocket.TEXT, false,
					errorCode, closes);
		}

		static ConnectionCase bytes(String what, String connect, byte[] payload, int opcode, String errorCode,
				boolean closes) {
			return new ConnectionCase(what, connect, payload, opcode, false, errorCode, closes);
		}

		static ConnectionCase fragmented(String what, String connect) {
			return new ConnectionCase(what, null, connect.getBytes(StandardCharsets.UTF_8), RawWebSocket.TEXT, true,
					null, false);
		}

		void run(int port, List<String> failures) {
			try (RawStomp stomp = RawStomp.open(port, ORIGIN)) {
				if (this.connect != null) {
					stomp.sendText(this.connect.getBytes(StandardCharsets.UTF_8));
					Frame connected = stomp.next(5000);
					if (connected == null || !"CONNECTED".equals(connected.command())) {
						failures.add(this.what + ": no CONNECTED but " + connected);
						return;
					}
				}
				if (this.fragmented) {
					sendInFragments(stomp);
					Frame connected = stomp.next(5000);
					if (connected == null || !"CONNECTED".equals(connected.command())) {
						failures.add(this.what + ": no CONNECTED but " + connected);
					}
					return;
				}
				stomp.socket().send(this.opcode, true, this.payload);
				if (this.closes) {
					expectRefusal(stomp, failures);
				}
				else {
					// whatever comes must be STOMP: no stack traces, no half frames
					for (Frame frame = stomp.next(300); frame != null; frame = stomp.next(300)) {
						if (!List.of("ERROR", "RECEIPT", "CONNECTED", "MESSAGE").contains(frame.command())) {
							failures.add(this.what + ": unexpected " + frame.command());
						}
					}
				}
			}
			catch (Exception ex) {
				failures.add(this.what + ": " + ex);
			}
		}

		private void expectRefusal(RawStomp stomp, List<String> failures) throws InterruptedException {
			String error = null;
			for (Frame frame = stomp.next(5000); frame != null; frame = stomp.next(1000)) {
				if ("ERROR".equals(frame.command()) && error == null) {
					error = String.valueOf(frame.header("message"));
				}
			}
			if (!stomp.awaitClosed(5000)) {
				failures.add(this.what + ": the connection stayed open");
			}
			if (this.errorCode != null && !this.errorCode.isEmpty()
					&& (error == null || !error.startsWith(this.errorCode))) {
				failures.add(this.what + ": expected an ERROR frame " + this.errorCode + "..., got " + error);
			}
			if (error != null && error.contains(Hostile.CANARY)) {
				failures.add(this.what + ": the ERROR frame repeats the client's text");
			}
		}

		private void sendInFragments(RawStomp stomp) {
			int third = this.payload.length / 3;
			stomp.socket().send(RawWebSocket.TEXT, false, java.util.Arrays.copyOfRange(this.payload, 0, third));
			stomp.socket()
				.send(RawWebSocket.CONTINUATION, false, java.util.Arrays.copyOfRange(this.payload, third, 2 * third));
			stomp.socket()
				.send(RawWebSocket.CONTINUATION, true,
						java.util.Arrays.copyOfRange(this.payload, 2 * third, this.payload.length));
		}

		@Override
		public String toString() {
			return this.what;
		}

	}

}
