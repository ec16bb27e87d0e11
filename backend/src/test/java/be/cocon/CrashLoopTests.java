package be.cocon;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import be.cocon.support.ChildApp;
import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;
import be.cocon.support.PkceSignIn;
import be.cocon.support.StompTestClient;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash loop: under steady chat load from several sessions (two clients and their
 * therapist, each signed in more than once), the server process is killed with SIGKILL at
 * random moments, {@value #DEFAULT_KILLS} times by default, and started again on the same
 * data. The sessions behave like the browser: a message stays in the outbox until its
 * acknowledgement and is sent again with the same client message id after a reconnect,
 * and a reconnecting session resumes the history after the last message it has. Between
 * kills a client checks in and says something that raises an escalation, and the
 * therapist schedules nudges that fall due while the server keeps dying.
 * <p>
 * Afterwards: every acknowledged message is stored exactly once, every session has every
 * stored message (a number handed out to a send the kill cut short stays a gap, as
 * docs/chat.md says), no acknowledged check-in or escalation signal is lost, and each
 * acknowledged nudge was delivered exactly once. The figures are printed;
 * {@code -Dcocon.faults.kills=N} and {@code -Dcocon.faults.seed=S} change the number of
 * kills and replay a run.
 */
class CrashLoopTests {

	static final int DEFAULT_KILLS = 10;

	private static final String PASSWORD = "cocon-demo-2026";

	private static final String RISKY = "ik wil niet meer leven, vanavond maak ik er een eind aan";

	private static final ZoneId CLIENT_ZONE = ZoneId.of("Europe/Brussels");

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	@TempDir
	Path dataDir;

	/** Every acknowledgement seen by any session: sender + client message id → seq. */
	final Map<String, Long> acked = new ConcurrentHashMap<>();

	final AtomicInteger resent = new AtomicInteger();

	final Set<String> riskyIds = ConcurrentHashMap.newKeySet();

	@Test
	void nothingAcknowledgedIsLostOrDuplicatedWhenTheServerIsKilledAgainAndAgain() throws Exception {
		int kills = Integer.getInteger("cocon.faults.kills", DEFAULT_KILLS);
		long seed = Long.getLong("cocon.faults.seed", System.nanoTime());
		System.out.println("CrashLoopTests: seed " + seed + " (replay with -Dcocon.faults.seed=" + seed + ")");
		Random random = new Random(seed);
		long began = System.nanoTime();
		int port = ChildApp.freePort();
		ChildApp app = new ChildApp(port, this.dataDir, "--cocon.chat.sends-per-minute=100000",
				"--cocon.checkin.max-per-day=1000", "--cocon.nudge.dispatch-every=2s")
			.start();
		HttpTestClient http = new HttpTestClient(port);

		// two clients of the demo therapist: demo-client is assigned, demo-client-2 is
		// assigned here
		String admin = bearer(new PkceSignIn(port).accessToken("demo-admin", PASSWORD));
		String secondClient = http.get("/api/admin/accounts?q=demo-client-2", "Authorization", admin)
			.json()
			.at("/items/0/id")
			.asString();
		String therapistToken = new PkceSignIn(port).accessToken("demo-therapist", PASSWORD);
		String therapistId = http.get("/api/me", "Authorization", bearer(therapistToken)).json().get("id").asString();
		assertThat(http
			.putJson("/api/admin/clients/" + secondClient + "/therapist", "{\"therapistId\":\"" + therapistId + "\"}",
					"Authorization", admin)
			.status()).isEqualTo(200);
		String client1Token = new PkceSignIn(port).accessToken("demo-client", PASSWORD);
		String client2Token = new PkceSignIn(port).accessToken("demo-client-2", PASSWORD);
		String client1 = http.get("/api/me", "Authorization", bearer(client1Token)).json().get("id").asString();
		String moderatorToken = new PkceSignIn(port).accessToken("demo-moderator", PASSWORD);
		String conversation1 = "therapy-" + client1 + "-" + therapistId;
		String conversation2 = "therapy-" + secondClient + "-" + therapistId;

		List<Session> sessions = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			sessions.add(new Session("c1-" + i, client1, client1Token, conversation1, i == 0));
			sessions.add(new Session("c2-" + i, secondClient, client2Token, conversation2, false));
			sessions.add(new Session("t1-" + i, therapistId, therapistToken, conversation1, false));
			sessions.add(new Session("t2-" + i, therapistId, therapistToken, conversation2, false));
		}

		Deque<String> checkInsToSend = new ArrayDeque<>();
		Set<String> checkInsAcked = new LinkedHashSet<>();
		Set<String> nudgesAcked = new LinkedHashSet<>();
		ExecutorService pool = Executors.newFixedThreadPool(sessions.size());
		try {
			for (int cycle = 0; cycle <= kills; cycle++) {
				boolean last = cycle == kills;
				if (cycle > 0) {
					app.start();
				}
				AtomicBoolean stop = new AtomicBoolean(false);
				List<Future<?>> running = new ArrayList<>();
				for (Session session : sessions) {
					running.add(pool.submit(() -> session.run(port, stop, !last)));
				}
				checkInsToSend.add(UUID.randomUUID().toString());
				for (String id : List.copyOf(checkInsToSend)) {
					if (checkIn(http, client1Token, id)) {
						checkInsToSend.remove(id);
						checkInsAcked.add(id);
					}
				}
				if (cycle < Math.min(6, kills)) {
					String nudge = scheduleNudge(http, therapistToken, client1, cycle);
					if (nudge != null) {
						nudgesAcked.add(nudge);
					}
				}
				if (last) {
					// the sessions send what is left in their outboxes, then catch up
					// once
					// everyone is done
					for (Future<?> session : running) {
						session.get();
					}
					for (Session session : sessions) {
						session.resume(port);
					}
				}
				else {
					Thread.sleep(1000 + random.nextInt(3000));
					app.kill();
					stop.set(true);
					for (Future<?> session : running) {
						session.get();
					}
				}
			}

			Map<String, List<JsonNode>> histories = new HashMap<>();
			histories.put(conversation1, history(http, client1Token, conversation1));
			histories.put(conversation2, history(http, client2Token, conversation2));
			Figures figures = check(histories, sessions);

			List<String> checkInsStored = http.get("/api/checkins?days=2", "Authorization", bearer(client1Token))
				.json()
				.findValuesAsString("id");
			Set<String> checkInsLost = new TreeSet<>(checkInsAcked);
			checkInsLost.removeAll(checkInsStored);

			Awaitility.await("every acknowledged nudge is delivered")
				.atMost(Duration.ofSeconds(150))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> sentNudges(http, therapistToken, client1).containsAll(nudgesAcked));
			List<JsonNode> afterNudges = history(http, client1Token, conversation1);
			Map<String, Integer> nudgeMessages = new HashMap<>();
			afterNudges.stream()
				.filter((message) -> "NUDGE".equals(message.get("kind").asString()))
				.forEach((message) -> nudgeMessages.merge(message.get("clientMessageId").asString(), 1, Integer::sum));

			Set<Long> riskySeqs = new TreeSet<>();
			this.riskyIds.forEach((id) -> {
				Long seq = this.acked.get(client1 + ":" + id);
				if (seq != null) {
					riskySeqs.add(seq);
				}
			});
			Set<Long> signalled = signalledSeqs(http, bearer(moderatorToken), client1);

			System.out.printf(
					"CrashLoopTests: %d kills (SIGKILL) and %d starts in %d s; %d sessions; messages acknowledged %d, "
							+ "sent again after a kill %d, stored %d, lost %d, duplicated %d, missing in a session %d, "
							+ "numbers handed out but never written %d; "
							+ "check-ins acknowledged %d, lost %d; nudges acknowledged %d, delivered twice %d; "
							+ "risky messages acknowledged %d, without a signal %d%n",
					kills, kills + 1, Duration.ofNanos(System.nanoTime() - began).toSeconds(), sessions.size(),
					this.acked.size(), this.resent.get(), figures.stored, figures.lost.size(),
					figures.duplicated.size(), figures.missingInSessions, figures.gaps.size(), checkInsAcked.size(),
					checkInsLost.size(), nudgesAcked.size(),
					nudgeMessages.values().stream().filter((n) -> n > 1).count(), riskySeqs.size(),
					riskySeqs.stream().filter((seq) -> !signalled.contains(seq)).count());

			assertThat(this.acked).as("messages were acknowledged between the kills").hasSizeGreaterThan(kills * 10);
			assertThat(figures.lost).as("acknowledged but not stored").isEmpty();
			assertThat(figures.duplicated).as("stored more than once").isEmpty();
			// a number handed out to a send the kill cut short before its message was
			// written stays a gap (docs/chat.md); no stored message takes it
			assertThat(figures.gaps).as("gaps").hasSizeLessThanOrEqualTo(kills * sessions.size());
			assertThat(figures.missingInSessions).as("messages a resuming session never got").isZero();
			assertThat(checkInsLost).as("acknowledged check-ins lost").isEmpty();
			for (String nudge : nudgesAcked) {
				assertThat(nudgeMessages.get("nudge-" + nudge)).as("nudge " + nudge + " delivered once").isEqualTo(1);
			}
			assertThat(riskySeqs).as("risky messages acknowledged").isNotEmpty();
			assertThat(signalled).as("every acknowledged risky message is a signal").containsAll(riskySeqs);
		}
		finally {
			pool.shutdownNow();
			app.kill();
		}
	}

	private Figures check(Map<String, List<JsonNode>> histories, List<Session> sessions) {
		Figures figures = new Figures();
		Map<String, Long> stored = new HashMap<>();
		for (Map.Entry<String, List<JsonNode>> entry : histories.entrySet()) {
			long expected = 1;
			for (JsonNode message : entry.getValue()) {
				long seq = message.get("seq").asLong();
				for (long missing = expected; missing < seq; missing++) {
					figures.gaps.add(entry.getKey() + ":" + missing);
				}
				expected = seq + 1;
				if (!"TEXT".equals(message.get("kind").asString("TEXT"))) {
					continue;
				}
				String key = message.get("senderId").asString() + ":" + message.get("clientMessageId").asString();
				if (stored.put(key, seq) != null) {
					figures.duplicated.add(key);
				}
				figures.stored++;
			}
		}
		this.acked.forEach((key, seq) -> {
			if (!seq.equals(stored.get(key))) {
				figures.lost.add(key);
			}
		});
		for (Session session : sessions) {
			for (JsonNode message : histories.get(session.conversation)) {
				if (!session.received.contains(message.get("seq").asLong())) {
					figures.missingInSessions++;
				}
			}
		}
		return figures;
	}

	private static boolean checkIn(HttpTestClient http, String token, String id) {
		try {
			int status = http
				.postJson("/api/checkins", "{\"id\":\"" + id + "\",\"mood\":6,\"stress\":4}", "Authorization",
						bearer(token))
				.status();
			return status == 200 || status == 201;
		}
		catch (RuntimeException ex) {
			// killed meanwhile: it stays to be sent again
			return false;
		}
	}

	/** Schedules a nudge for the next minute; its id when acknowledged. */
	private static String scheduleNudge(HttpTestClient http, String therapistToken, String clientId, int cycle) {
		LocalDateTime next = LocalDateTime.now(CLIENT_ZONE).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
		try {
			Response created = http.postJson("/api/clients/" + clientId + "/nudges",
					"{\"text\":\"Denk aan je oefening (" + cycle + ")\",\"sendAt\":\"" + LOCAL.format(next) + "\"}",
					"Authorization", bearer(therapistToken));
			return (created.status() == 201) ? created.json().get("id").asString() : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static List<String> sentNudges(HttpTestClient http, String therapistToken, String clientId) {
		List<String> sent = new ArrayList<>();
		for (JsonNode nudge : http.get("/api/clients/" + clientId + "/nudges", "Authorization", bearer(therapistToken))
			.json()) {
			if ("SENT".equals(nudge.get("status").asString())) {
				sent.add(nudge.get("id").asString());
			}
		}
		return sent;
	}

	private static Set<Long> signalledSeqs(HttpTestClient http, String moderator, String clientId) {
		Set<Long> seqs = new TreeSet<>();
		for (JsonNode summary : http.get("/api/escalations", "Authorization", moderator).json()) {
			if (clientId.equals(summary.at("/client/id").asString())) {
				JsonNode detail = http
					.get("/api/escalations/" + summary.get("id").asString(), "Authorization", moderator)
					.json();
				detail.get("signals").forEach((signal) -> {
					if (signal.hasNonNull("seq")) {
						seqs.add(signal.get("seq").asLong());
					}
				});
			}
		}
		return seqs;
	}

	/** The whole history of a conversation, page by page, in order. */
	static List<JsonNode> history(HttpTestClient http, String token, String conversation) {
		return history(http, token, conversation, 0);
	}

	/** The history of a conversation after a message, page by page, in order. */
	static List<JsonNode> history(HttpTestClient http, String token, String conversation, long from) {
		List<JsonNode> all = new ArrayList<>();
		long after = from;
		while (true) {
			JsonNode page = http
				.get("/api/conversations/" + conversation + "/messages?after=" + after + "&limit=100", "Authorization",
						bearer(token))
				.json();
			page.get("messages").forEach(all::add);
			if (page.get("messages").isEmpty()) {
				return all;
			}
			after = all.get(all.size() - 1).get("seq").asLong();
			if (after >= page.get("lastSeq").asLong()) {
				return all;
			}
		}
	}

	static final class Figures {

		int stored;

		final List<String> lost = new ArrayList<>();

		final List<String> duplicated = new ArrayList<>();

		final List<String> gaps = new ArrayList<>();

		int missingInSessions;

	}

	/**
	 * One signed-in tab: an outbox of messages not acknowledged yet, and every message of
	 * its conversation it has seen (live, or fetched when resuming).
	 */
	final class Session {

		final String name;

		final String userId;

		final String token;

		final String conversation;

		final boolean sendsRisky;

		/** Client message id → body, in the order they were written. */
		final Map<String, String> outbox = new java.util.LinkedHashMap<>();

		final Set<Long> received = ConcurrentHashMap.newKeySet();

		Session(String name, String userId, String token, String conversation, boolean sendsRisky) {
			this.name = name;
			this.userId = userId;
			this.token = token;
			this.conversation = conversation;
			this.sendsRisky = sendsRisky;
		}

		/**
		 * Connects, resumes, sends what is in the outbox again, then (when {@code load})
		 * new messages until the connection drops or {@code stop} is set; without load it
		 * stops once the outbox is empty.
		 */
		void run(int port, AtomicBoolean stop, boolean load) {
			try (StompTestClient stomp = StompTestClient.connect(port, this.token).subscribeUserQueues()) {
				resume(port);
				for (Map.Entry<String, String> waiting : List.copyOf(this.outbox.entrySet())) {
					CrashLoopTests.this.resent.incrementAndGet();
					if (!sendAndAwait(stomp, waiting.getKey(), waiting.getValue(), stop, load)) {
						return;
					}
				}
				boolean risky = this.sendsRisky;
				while (load && !stop.get()) {
					String id = UUID.randomUUID().toString();
					String body = risky ? RISKY : "bericht " + this.name + " " + id;
					this.outbox.put(id, body);
					if (risky) {
						CrashLoopTests.this.riskyIds.add(id);
					}
					if (!sendAndAwait(stomp, id, body, stop, true)) {
						return;
					}
					risky = false;
					Thread.sleep(100);
				}
			}
			catch (Exception ex) {
				// the server was killed: what is not acknowledged stays in the outbox
			}
		}

		/**
		 * Sends (again) and waits for the acknowledgement; false when the server went
		 * away.
		 */
		private boolean sendAndAwait(StompTestClient stomp, String id, String body, AtomicBoolean stop, boolean load)
				throws InterruptedException {
			stomp.sendMessage(this.conversation, id, body);
			long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			while (System.nanoTime() < deadline) {
				drain(stomp);
				// the server is gone once stop is set under load: take what arrived, then
				// end
				boolean gone = (load && stop.get()) || !stomp.isConnected();
				for (JsonNode ack = stomp.poll("/user/queue/acks", gone ? 0 : 100); ack != null; ack = stomp
					.poll("/user/queue/acks", 0)) {
					String acknowledged = ack.get("clientMessageId").asString();
					CrashLoopTests.this.acked.put(this.userId + ":" + acknowledged, ack.get("seq").asLong());
					this.outbox.remove(acknowledged);
				}
				if (!this.outbox.containsKey(id)) {
					return true;
				}
				if (gone) {
					return false;
				}
			}
			return false;
		}

		/** Takes the live messages of this conversation that have arrived. */
		private int drain(StompTestClient stomp) throws InterruptedException {
			int count = 0;
			for (JsonNode message = stomp.poll("/user/queue/messages", 0); message != null; message = stomp
				.poll("/user/queue/messages", 0)) {
				if (this.conversation.equals(message.get("conversationId").asString())) {
					this.received.add(message.get("seq").asLong());
					count++;
				}
			}
			return count;
		}

		/** Fetches what came after the last message this session has without a gap. */
		void resume(int port) {
			long seen = 0;
			while (this.received.contains(seen + 1)) {
				seen++;
			}
			for (JsonNode message : history(new HttpTestClient(port), this.token, this.conversation, seen)) {
				this.received.add(message.get("seq").asLong());
			}
		}

	}

}
