package be.cocon.loadtest;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.SynchronizedHistogram;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import be.cocon.loadtest.Completeness.Stored;
import be.cocon.loadtest.Report.Latency;

/**
 * One load run against one server: connect every session, offer each rate for a warm-up
 * and a measured window, optionally a burst from one session, wait for what is still
 * under way, then check completeness (and the store, when there is one to read).
 */
final class LoadRun {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Refusals after which the same message is sent again (the send is idempotent). */
	static final java.util.Set<String> RETRYABLE = java.util.Set.of("message.rate-limited", "store.unavailable",
			"server.busy");

	private static final String BARRIER = "/app/loadtest-barrier-";

	private static final String READY_RECEIPT = "loadtest-ready-";

	private static final long HOUR_MICROS = 3_600_000_000L;

	/** Longest wait from the start of a handshake to CONNECTED. */
	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * One participant's session.
	 *
	 * @param userId whose session
	 * @param authorization the CONNECT {@code Authorization} header
	 * @param conversationId the conversation it sends in
	 * @param instance the server instance it connects to: an index into
	 * {@link Settings#webSocketUrls()}
	 */
	record Participant(String userId, String authorization, String conversationId, int instance) {
	}

	/**
	 * What a run needs from its caller.
	 *
	 * @param webSocketUrls one per server instance
	 */
	record Settings(String name, List<String> webSocketUrls, String origin, List<Double> rates, Duration warmup,
			Duration duration, int burst, Duration drain, int connectConcurrency, int clientThreads, int sendThreads) {
	}

	/**
	 * The instance a participant of a pair connects to: pairs go round robin over the
	 * instances, the client on the pair's instance and the therapist on the next one. So
	 * with two or more instances every message crosses from one instance to another (the
	 * live path through the broker relay is what is measured), and the sessions are
	 * spread evenly.
	 */
	static int instanceOf(int pair, boolean therapist, int instances) {
		return (pair + (therapist ? 1 : 0)) % instances;
	}

	/** Reads back a conversation's stored messages after a seq (null: no store). */
	interface StoreReader {

		List<Stored> read(String conversationId, long after);

	}

	private final Settings settings;

	private final List<Participant> participants;

	/** The server's instances, in the order of the URLs; empty when not measured. */
	private final List<ProcessProbe> servers;

	private final @Nullable StoreReader store;

	private final Completeness completeness = new Completeness();

	private final Map<String, Sent> sent = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> rejections = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> closed = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> connectFailures = new ConcurrentHashMap<>();

	private final Histogram connectLatency = new SynchronizedHistogram(HOUR_MICROS, 3);

	private final AtomicInteger generation = new AtomicInteger();

	private final AtomicLong counter = new AtomicLong();

	private final ScheduledThreadPoolExecutor scheduler;

	private final HttpClient http;

	private final ExecutorService listeners;

	private final List<Session> sessions = new ArrayList<>();

	private volatile @Nullable PhaseStats phase;

	private volatile @Nullable BurstStats burst;

	LoadRun(Settings settings, List<Participant> participants, List<ProcessProbe> servers,
			@Nullable StoreReader store) {
		this.settings = settings;
		this.participants = participants;
		this.servers = servers;
		this.store = store;
		this.scheduler = new ScheduledThreadPoolExecutor(settings.sendThreads(), daemon("load-send"));
		this.scheduler.setRemoveOnCancelPolicy(true);
		this.listeners = Executors.newFixedThreadPool(settings.clientThreads(), daemon("load-ws"));
		this.http = HttpClient.newBuilder().executor(this.listeners).connectTimeout(Duration.ofSeconds(30)).build();
	}

	Report.Target execute() throws InterruptedException {
		try {
			Map<String, List<Integer>> byConversation = new TreeMap<>();
			for (int i = 0; i < this.participants.size(); i++) {
				Participant participant = this.participants.get(i);
				this.sessions.add(new Session(i, participant));
				byConversation.computeIfAbsent(participant.conversationId(), (key) -> new ArrayList<>()).add(i);
			}
			byConversation.forEach((conversation, receivers) -> this.completeness.conversation(conversation,
					receivers.stream().mapToInt(Integer::intValue).toArray()));
			long serverBefore = total(serverReadings(ProcessProbe::heapAfterGc));
			long clientBefore = clientHeapAfterGc();
			Report.Connect connect = connectAll();
			List<Long> serverIdles = serverReadings(ProcessProbe::heapAfterGc);
			long serverIdle = total(serverIdles);
			long clientIdle = clientHeapAfterGc();
			int connected = connect.connected();
			Report.Memory memory = new Report.Memory(serverBefore, serverIdle,
					(serverBefore >= 0 && serverIdle >= 0 && connected > 0)
							? (serverIdle - serverBefore) / (double) connected : -1,
					(connected > 0) ? (clientIdle - clientBefore) / (double) connected : -1, serverIdles);
			List<PhaseStats> offered = new ArrayList<>();
			for (double rate : this.settings.rates()) {
				offered.add(offer(rate));
			}
			this.generation.incrementAndGet();
			this.phase = null;
			long drainStarted = System.nanoTime();
			drain();
			Report.Burst burstReport = (this.settings.burst() > 0) ? burst() : null;
			drain();
			double drainSeconds = (System.nanoTime() - drainStarted) / 1e9;
			this.completeness.freeze();
			// latencies of messages acked after their window (during the drain) count too
			List<Report.Phase> phases = offered.stream().map(PhaseStats::report).toList();
			Completeness.Result result = this.completeness.result(readStore());
			return new Report.Target(this.settings.name(), this.settings.webSocketUrls(),
					this.settings.webSocketUrls().size(), this.participants.size(), connect, memory, phases,
					burstReport, result, counts(this.errors), counts(this.rejections), counts(this.closed),
					drainSeconds);
		}
		finally {
			for (Session session : this.sessions) {
				if (session.connection != null) {
					session.connection.close();
				}
			}
			// lets the server handle the disconnects before it is stopped, so its
			// shutdown
			// does not interrupt them half-way (which it logs as errors)
			Thread.sleep(Math.min(5000, 500 + this.sessions.size()));
			this.scheduler.shutdownNow();
			this.listeners.shutdown();
		}
	}

	// ---- connecting

	private Report.Connect connectAll() throws InterruptedException {
		Semaphore permits = new Semaphore(this.settings.connectConcurrency());
		List<URI> uris = this.settings.webSocketUrls().stream().map(URI::create).toList();
		long started = System.nanoTime();
		for (Session session : this.sessions) {
			permits.acquire();
			session.permits = permits;
			session.connectStarted = System.nanoTime();
			// a server that never answers CONNECT must not hold a permit for ever
			this.scheduler.schedule(() -> {
				if (session.connectedAt == 0) {
					session.connectFailed("no CONNECTED within " + CONNECT_TIMEOUT.toSeconds() + " s");
				}
			}, CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			URI uri = uris.get(session.participant.instance());
			StompFrame connect = StompFrame.of("CONNECT", "accept-version", "1.2", "host", uri.getHost(), "heart-beat",
					"0,0", "Authorization", session.participant.authorization());
			StompConnection.open(this.http, uri, this.settings.origin(), connect, CONNECT_TIMEOUT, session)
				.whenComplete((connection, failure) -> {
					if (failure != null) {
						session.connectFailed(reason(failure));
					}
					else if (session.failure != null) {
						connection.abort();
					}
					else {
						session.connection = connection;
					}
				});
		}
		// every permit back: each session connected or failed (or timed out)
		permits.tryAcquire(this.settings.connectConcurrency(), CONNECT_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
		long lastConnected = 0;
		int connected = 0;
		for (Session session : this.sessions) {
			if (session.connectedAt > 0) {
				lastConnected = Math.max(lastConnected, session.connectedAt);
			}
		}
		// subscriptions are in place once the barrier each session sent after them comes
		// back
		long readyDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		for (Session session : this.sessions) {
			if (session.connectedAt > 0) {
				long left = Math.max(0, readyDeadline - System.nanoTime());
				if (session.ready.tryAcquire(left, TimeUnit.NANOSECONDS)) {
					connected++;
				}
				else {
					session.connectFailed("subscriptions not confirmed");
				}
			}
		}
		double seconds = (lastConnected > 0) ? (lastConnected - started) / 1e9 : 0;
		return new Report.Connect(this.sessions.size(), connected, counts(this.connectFailures), seconds,
				(seconds > 0) ? connected / seconds : 0, Latency.of(this.connectLatency));
	}

	// ---- offering a rate

	private PhaseStats offer(double rate) throws InterruptedException {
		long start = System.nanoTime();
		long measureFrom = start + this.settings.warmup().toNanos();
		long measureTo = measureFrom + this.settings.duration().toNanos();
		PhaseStats stats = new PhaseStats(rate, measureFrom, measureTo);
		this.phase = stats;
		int current = this.generation.incrementAndGet();
		List<Session> senders = this.sessions.stream().filter(Session::isLive).toList();
		// the rate is shared by the sessions that are connected
		int count = Math.max(1, senders.size());
		SplittableRandom seeds = new SplittableRandom(rate > 0 ? Double.doubleToLongBits(rate) : 1);
		for (Session session : senders) {
			PoissonSchedule schedule = new PoissonSchedule(rate, count, start, seeds.split());
			plan(session, schedule, current);
		}
		System.out.printf(Locale.ROOT, "%s: offering %s msgs/s from %d sessions (warm-up %d s, window %d s)%n",
				this.settings.name(), Report.fmt(rate), senders.size(), this.settings.warmup().toSeconds(),
				this.settings.duration().toSeconds());
		sleepUntil(measureFrom);
		List<Long> serverCpu0 = serverReadings(ProcessProbe::cpuNanos);
		long clientCpu0 = ProcessProbe.self().cpuNanos();
		sleepUntil(measureFrom + (measureTo - measureFrom) / 2);
		List<Long> heapMid = serverReadings(ProcessProbe::heapUsed);
		sleepUntil(measureTo);
		List<Long> serverCpu1 = serverReadings(ProcessProbe::cpuNanos);
		long clientCpu1 = ProcessProbe.self().cpuNanos();
		List<Long> heapEnd = serverReadings(ProcessProbe::heapUsed);
		double window = stats.seconds();
		List<Double> cores = new ArrayList<>();
		List<Long> heaps = new ArrayList<>();
		for (int i = 0; i < this.servers.size(); i++) {
			cores.add(cores(serverCpu0.get(i), serverCpu1.get(i), window));
			heaps.add(Math.max(heapMid.get(i), heapEnd.get(i)));
		}
		stats.serverCpuCoresPerInstance = cores;
		stats.serverHeapUsedPerInstance = heaps;
		stats.serverCpuCores = cores.stream().anyMatch((core) -> core < 0) || cores.isEmpty() ? -1
				: cores.stream().mapToDouble(Double::doubleValue).sum();
		stats.clientCpuCores = cores(clientCpu0, clientCpu1, window);
		stats.serverHeapUsed = total(heaps);
		stats.loadAverage = ProcessProbe.loadAverage();
		return stats;
	}

	private void plan(Session session, PoissonSchedule schedule, int planGeneration) {
		long at = schedule.next();
		this.scheduler.schedule(() -> fire(session, schedule, planGeneration, at), at - System.nanoTime(),
				TimeUnit.NANOSECONDS);
	}

	private void fire(Session session, PoissonSchedule schedule, int planGeneration, long planned) {
		if (planGeneration != this.generation.get() || !session.isLive()) {
			return;
		}
		PhaseStats stats = this.phase;
		long now = System.nanoTime();
		boolean measured = stats != null && planned >= stats.from && planned < stats.to;
		if (measured) {
			stats.lag.recordValue(Math.max(0, (now - planned) / 1000));
			stats.sent.increment();
		}
		session.sendNew(planned, measured ? stats : null, -1);
		schedule.advance();
		plan(session, schedule, planGeneration);
	}

	// ---- burst

	private Report.Burst burst() throws InterruptedException {
		Session sender = this.sessions.stream().filter(Session::isLive).findFirst().orElse(null);
		int messages = this.settings.burst();
		BurstStats stats = new BurstStats(messages);
		long backlog = this.completeness.outstanding();
		if (sender == null) {
			return new Report.Burst(messages, 0, 0, 0, 0, Map.of(), Latency.of(stats.ack), backlog);
		}
		this.burst = stats;
		System.out.printf(Locale.ROOT, "%s: burst of %d messages from one session%n", this.settings.name(), messages);
		stats.started = System.nanoTime();
		for (int i = 0; i < messages; i++) {
			sender.sendNew(stats.started, null, i);
		}
		long deadline = stats.started + this.settings.drain().toNanos();
		while (stats.acked.get() + stats.refused.get() < messages && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		this.burst = null;
		double millis = (stats.lastAck - stats.started) / 1e6;
		return new Report.Burst(messages, stats.acked.get(), Math.max(0, millis),
				(millis > 0) ? stats.acked.get() * 1000 / millis : 0, stats.outOfOrder.get(), counts(stats.rejections),
				Latency.of(stats.ack), backlog);
	}

	// ---- the end

	/**
	 * Waits until nothing is outstanding and every copy arrived, or the drain time is up.
	 */
	private void drain() throws InterruptedException {
		long deadline = System.nanoTime() + this.settings.drain().toNanos();
		while (System.nanoTime() < deadline) {
			if (this.completeness.outstanding() == 0 && this.completeness.undelivered() == 0) {
				return;
			}
			Thread.sleep(200);
		}
	}

	private @Nullable Map<String, List<Stored>> readStore() throws InterruptedException {
		StoreReader reader = this.store;
		if (reader == null) {
			return null;
		}
		Map<String, Long> lowest = this.completeness.lowestAckedSeqs();
		Map<String, List<Stored>> stored = new ConcurrentHashMap<>();
		ExecutorService readers = Executors.newFixedThreadPool(4, daemon("load-history"));
		try {
			List<Future<?>> reads = new ArrayList<>();
			lowest.forEach((conversation, seq) -> reads
				.add(readers.submit(() -> stored.put(conversation, reader.read(conversation, seq - 1)))));
			for (Future<?> read : reads) {
				try {
					read.get();
				}
				catch (java.util.concurrent.ExecutionException ex) {
					count(this.errors, "history.read-failed");
				}
			}
		}
		finally {
			readers.shutdownNow();
		}
		return stored;
	}

	// ---- helpers

	/** A reading of every server instance, in order (-1 where unknown). */
	private List<Long> serverReadings(java.util.function.ToLongFunction<ProcessProbe> reading) {
		return this.servers.stream().map(reading::applyAsLong).toList();
	}

	/** The sum over the instances; -1 when none or any of them is unknown. */
	static long total(List<Long> readings) {
		if (readings.isEmpty() || readings.stream().anyMatch((reading) -> reading < 0)) {
			return -1;
		}
		return readings.stream().mapToLong(Long::longValue).sum();
	}

	private static double cores(long before, long after, double seconds) {
		return (before < 0 || after < 0) ? -1 : (after - before) / 1e9 / seconds;
	}

	private static long clientHeapAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static void sleepUntil(long nanos) throws InterruptedException {
		long left = nanos - System.nanoTime();
		if (left > 0) {
			TimeUnit.NANOSECONDS.sleep(left);
		}
	}

	private static void count(Map<String, LongAdder> counts, String key) {
		counts.computeIfAbsent(key, (k) -> new LongAdder()).increment();
	}

	private static Map<String, Long> counts(Map<String, LongAdder> counts) {
		Map<String, Long> copy = new TreeMap<>();
		counts.forEach((key, value) -> copy.put(key, value.sum()));
		return copy;
	}

	private static String reason(Throwable failure) {
		Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	private static ThreadFactory daemon(String name) {
		AtomicInteger number = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/** A message on its way, from its first send until acknowledged or refused. */
	private static final class Sent {

		final String clientMessageId;

		final String frame;

		final Session from;

		final long planned;

		final @Nullable PhaseStats measured;

		/** Position in the burst, or -1. */
		final int burstIndex;

		final AtomicBoolean settled = new AtomicBoolean();

		int attempts = 1;

		/** When the latest attempt was sent. */
		volatile long lastAttempt;

		Sent(String clientMessageId, String frame, Session from, long planned, @Nullable PhaseStats measured,
				int burstIndex) {
			this.clientMessageId = clientMessageId;
			this.frame = frame;
			this.from = from;
			this.planned = planned;
			this.measured = measured;
			this.burstIndex = burstIndex;
		}

	}

	/** Figures of one offered rate. */
	private static final class PhaseStats {

		final double rate;

		final long from;

		final long to;

		final Histogram ack = new SynchronizedHistogram(HOUR_MICROS, 3);

		final Histogram accepted = new SynchronizedHistogram(HOUR_MICROS, 3);

		final Histogram delivery = new SynchronizedHistogram(HOUR_MICROS, 3);

		final Histogram lag = new SynchronizedHistogram(HOUR_MICROS, 3);

		final LongAdder sent = new LongAdder();

		final LongAdder ackedInWindow = new LongAdder();

		final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

		final Map<String, LongAdder> rejections = new ConcurrentHashMap<>();

		final LongAdder measuredAcks = new LongAdder();

		volatile double serverCpuCores = -1;

		volatile double clientCpuCores = -1;

		volatile long serverHeapUsed = -1;

		volatile List<Double> serverCpuCoresPerInstance = List.of();

		volatile List<Long> serverHeapUsedPerInstance = List.of();

		volatile double loadAverage = -1;

		PhaseStats(double rate, long from, long to) {
			this.rate = rate;
			this.from = from;
			this.to = to;
		}

		double seconds() {
			return (this.to - this.from) / 1e9;
		}

		Report.Phase report() {
			double window = seconds();
			long sent = this.sent.sum();
			return new Report.Phase(this.rate, window, sent / window, this.ackedInWindow.sum() / window,
					sent - this.measuredAcks.sum(), Latency.of(this.ack), Latency.of(this.accepted),
					Latency.of(this.delivery), Latency.of(this.lag), counts(this.errors), counts(this.rejections),
					this.serverCpuCores, this.clientCpuCores, this.serverHeapUsed, this.loadAverage,
					this.serverCpuCoresPerInstance, this.serverHeapUsedPerInstance);
		}

	}

	private static final class BurstStats {

		final Histogram ack = new SynchronizedHistogram(HOUR_MICROS, 3);

		final AtomicLong acked = new AtomicLong();

		final AtomicLong refused = new AtomicLong();

		final AtomicLong outOfOrder = new AtomicLong();

		final Map<String, LongAdder> rejections = new ConcurrentHashMap<>();

		final int messages;

		volatile long started;

		volatile long lastAck;

		/** Only touched by the sender's listener, one frame at a time. */
		int nextIndex;

		long lastSeq = -1;

		BurstStats(int messages) {
			this.messages = messages;
		}

	}

	/** One participant's STOMP session and what it received. */
	private final class Session implements StompConnection.Listener {

		final int index;

		final Participant participant;

		final Semaphore ready = new Semaphore(0);

		final AtomicBoolean permitReturned = new AtomicBoolean();

		volatile @Nullable StompConnection connection;

		volatile @Nullable Semaphore permits;

		volatile long connectStarted;

		volatile long connectedAt;

		volatile @Nullable String failure;

		Session(int index, Participant participant) {
			this.index = index;
			this.participant = participant;
		}

		boolean isLive() {
			StompConnection open = this.connection;
			return this.connectedAt > 0 && this.failure == null && open != null && !open.isClosed();
		}

		void connectFailed(String reason) {
			if (this.failure == null) {
				this.failure = reason;
				count(LoadRun.this.connectFailures, reason);
			}
			returnPermit();
			StompConnection open = this.connection;
			if (open != null) {
				open.abort();
			}
		}

		private void returnPermit() {
			Semaphore held = this.permits;
			if (held != null && this.permitReturned.compareAndSet(false, true)) {
				held.release();
			}
		}

		/** Sends a new message, planned at the given time. */
		void sendNew(long planned, @Nullable PhaseStats measured, int burstIndex) {
			String clientMessageId = UUID.randomUUID().toString();
			String body = "{\"clientMessageId\":\"" + clientMessageId + "\",\"body\":\"Load test message "
					+ LoadRun.this.counter.incrementAndGet() + ": the breathing exercise went fine today.\"}";
			String frame = StompFrame
				.withBody("SEND", body, "destination",
						"/app/conversations/" + this.participant.conversationId() + "/messages", "content-type",
						"application/json")
				.encode();
			Sent message = new Sent(clientMessageId, frame, this, planned, measured, burstIndex);
			LoadRun.this.sent.put(clientMessageId, message);
			LoadRun.this.completeness.sent(clientMessageId, this.participant.conversationId(), this.index);
			message.lastAttempt = System.nanoTime();
			send(frame);
		}

		void send(String frame) {
			StompConnection open = this.connection;
			if (open != null) {
				open.sendEncoded(frame);
			}
		}

		@Override
		public void frame(StompConnection connection, StompFrame frame) {
			switch (frame.command()) {
				case "CONNECTED" -> connected(connection);
				case "MESSAGE" -> message(frame);
				case "RECEIPT" -> {
					if ((READY_RECEIPT + this.index).equals(frame.header("receipt-id"))) {
						this.ready.release();
					}
				}
				case "ERROR" -> {
					String message = String.valueOf(frame.header("message"));
					int colon = message.indexOf(':');
					String code = "ERROR frame " + ((colon > 0) ? message.substring(0, colon) : message);
					if (this.connectedAt == 0) {
						connectFailed(code);
					}
					else {
						count(LoadRun.this.errors, code);
					}
				}
				default -> {
				}
			}
		}

		private void connected(StompConnection connection) {
			if (this.failure != null) {
				// too late: it was given up already
				connection.abort();
				return;
			}
			this.connection = connection;
			this.connectedAt = System.nanoTime();
			LoadRun.this.connectLatency.recordValue((this.connectedAt - this.connectStarted) / 1000);
			connection.send(StompFrame.of("SUBSCRIBE", "id", "m", "destination", "/user/queue/messages"));
			connection.send(StompFrame.of("SUBSCRIBE", "id", "a", "destination", "/user/queue/acks"));
			connection.send(StompFrame.of("SUBSCRIBE", "id", "e", "destination", "/user/queue/errors", "receipt",
					READY_RECEIPT + this.index));
			// Frames of a session are handled in order: on one instance (the in-memory
			// broker), once the answer to this comes back, the subscriptions before it
			// are in place. With the broker relay the subscriptions are made at the
			// broker over the session's own relay connection, and the answer published
			// over another, so it may get there first and be dropped; there the broker's
			// RECEIPT for the last subscription says they are in place (the in-memory
			// broker sends none).
			connection.send(StompFrame.withBody("SEND", "{}", "destination", BARRIER + this.index, "content-type",
					"application/json"));
			returnPermit();
		}

		private void message(StompFrame frame) {
			String subscription = String.valueOf(frame.header("subscription"));
			JsonNode payload = JSON.readTree(frame.body());
			switch (subscription) {
				case "m" -> delivered(payload);
				case "a" -> acked(payload);
				case "e" -> refused(payload);
				default -> {
				}
			}
		}

		private void delivered(JsonNode message) {
			String clientMessageId = message.path("clientMessageId").asString("");
			String conversationId = message.path("conversationId").asString("");
			long seq = message.path("seq").asLong(-1);
			LoadRun.this.completeness.delivered(this.index, conversationId, seq, clientMessageId);
			Sent sent = LoadRun.this.sent.get(clientMessageId);
			if (sent != null && sent.from != this && sent.measured != null && !LoadRun.this.completeness.isFrozen()) {
				sent.measured.delivery.recordValue(Math.max(0, (System.nanoTime() - sent.planned) / 1000));
			}
		}

		private void acked(JsonNode ack) {
			String clientMessageId = ack.path("clientMessageId").asString("");
			Sent sent = LoadRun.this.sent.get(clientMessageId);
			long now = System.nanoTime();
			long seq = ack.path("seq").asLong(-1);
			if (sent == null || !sent.settled.compareAndSet(false, true)) {
				return;
			}
			if (LoadRun.this.completeness.isFrozen()) {
				return;
			}
			LoadRun.this.completeness.acked(clientMessageId, seq);
			long micros = Math.max(0, (now - sent.planned) / 1000);
			if (sent.measured != null) {
				sent.measured.ack.recordValue(micros);
				sent.measured.accepted.recordValue(Math.max(0, (now - sent.lastAttempt) / 1000));
				sent.measured.measuredAcks.increment();
			}
			PhaseStats current = LoadRun.this.phase;
			if (current != null && now >= current.from && now < current.to) {
				current.ackedInWindow.increment();
			}
			BurstStats burst = LoadRun.this.burst;
			if (burst != null && sent.burstIndex >= 0) {
				burst.ack.recordValue(micros);
				if (sent.burstIndex != burst.nextIndex || seq <= burst.lastSeq) {
					burst.outOfOrder.incrementAndGet();
				}
				burst.nextIndex = sent.burstIndex + 1;
				burst.lastSeq = seq;
				burst.lastAck = now;
				burst.acked.incrementAndGet();
			}
		}

		private void refused(JsonNode error) {
			String code = error.path("code").asString("?");
			String destination = error.path("destination").asString("");
			if (destination.startsWith(BARRIER)) {
				this.ready.release();
				return;
			}
			String clientMessageId = error.path("clientMessageId").asString("");
			Sent sent = LoadRun.this.sent.get(clientMessageId);
			PhaseStats current = LoadRun.this.phase;
			if (sent == null || sent.settled.get()) {
				count(LoadRun.this.errors, code);
				if (current != null) {
					count(current.errors, code);
				}
				return;
			}
			BurstStats burst = LoadRun.this.burst;
			if (RETRYABLE.contains(code)) {
				count(LoadRun.this.rejections, code);
				if (current != null) {
					count(current.rejections, code);
				}
				if (burst != null && sent.burstIndex >= 0) {
					count(burst.rejections, code);
				}
				LoadRun.this.completeness.retrying(clientMessageId, true);
				resendLater(sent, code);
				return;
			}
			if (sent.settled.compareAndSet(false, true)) {
				count(LoadRun.this.errors, code);
				if (current != null) {
					count(current.errors, code);
				}
				if (burst != null && sent.burstIndex >= 0) {
					burst.refused.incrementAndGet();
				}
				LoadRun.this.completeness.refused(clientMessageId);
			}
		}

		/**
		 * Sends it again later, as the browser app does with {@code server.busy}: after 1
		 * to 2 s, doubling with every further refusal of the message up to 15 to 30 s (so
		 * that refused senders neither come back all at once nor keep an overloaded
		 * server busy refusing them); other retryable refusals after 100 ms, doubling up
		 * to 1.6 s, with jitter.
		 */
		private void resendLater(Sent sent, String code) {
			int attempt = sent.attempts++;
			ThreadLocalRandom random = ThreadLocalRandom.current();
			long delay;
			if ("server.busy".equals(code)) {
				long base = Math.min(15_000, 1000L << Math.min(attempt - 1, 10));
				delay = base + random.nextLong(base + 1);
			}
			else {
				long backoff = 100L << Math.min(attempt - 1, 4);
				delay = backoff + random.nextLong(backoff / 2 + 1);
			}
			LoadRun.this.scheduler.schedule(() -> {
				if (!sent.settled.get()) {
					LoadRun.this.completeness.retrying(sent.clientMessageId, false);
					sent.lastAttempt = System.nanoTime();
					send(sent.frame);
				}
			}, delay, TimeUnit.MILLISECONDS);
		}

		@Override
		public void closed(StompConnection connection, String reason) {
			if (this.connectedAt == 0) {
				connectFailed(reason);
				return;
			}
			count(LoadRun.this.closed, reason);
		}

	}

}
