package be.cocon.chat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import be.cocon.CoconApplication;
import be.cocon.chat.ChatViews.MessagePage;
import be.cocon.chat.HistoryFill.Conversation;
import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.identity.UserId;
import be.cocon.platform.Durability;

/**
 * How long a page of history takes on the embedded store holding many messages (the goal:
 * p99 at most 10 ms with a million messages across ten thousand conversations). Starts
 * the real application on a fresh data folder, fills it through {@link HistoryFill}, then
 * times {@link ChatService#page} for random conversations and prints percentiles. A
 * benchmark, not a test: it asserts nothing. How to run it and what it measured:
 * docs/performance-history.md.
 */
final class HistoryBenchmark {

	private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(1);

	private final ChatService chat;

	private final List<Conversation> conversations;

	/** Conversations longer than a page, so an older page is a full one. */
	private final List<Conversation> longer;

	private final int pageSize;

	private HistoryBenchmark(ChatService chat, List<Conversation> conversations, int pageSize) {
		this.chat = chat;
		this.conversations = conversations;
		this.longer = conversations.stream().filter((c) -> c.lastSeq() > pageSize).toList();
		this.pageSize = pageSize;
	}

	public static void main(String[] args) throws Exception {
		Settings settings = Settings.fromSystemProperties();
		boolean temporary = settings.dataDir() == null;
		Path dataDir = temporary ? Files.createTempDirectory("cocon-history-") : settings.dataDir();
		printMachine(dataDir);
		long starting = System.nanoTime();
		SpringApplication application = new SpringApplication(CoconApplication.class, TestTokens.class);
		// the re-encryption job would scan all messages while pages are timed
		ConfigurableApplicationContext context = application.run("--server.port=0", "--cocon.store.data-dir=" + dataDir,
				"--spring.main.banner-mode=off", "--logging.level.root=warn",
				"--cocon.privacy.encryption.reencrypt-every=3650d");
		System.out.printf("App started in %.1f s%n", (System.nanoTime() - starting) / 1e9);
		try {
			run(context, settings, dataDir);
		}
		finally {
			context.close();
			if (temporary) {
				deleteRecursively(dataDir);
			}
		}
		System.exit(0);
	}

	private static void run(ConfigurableApplicationContext context, Settings settings, Path dataDir) throws Exception {
		HistoryFill fill = new HistoryFill(context.getBean(MongoTemplate.class), context.getBean(GuideMessages.class),
				context.getBean(Conversations.class), context.getBean(Durability.class));
		List<Conversation> plan = HistoryFill.plan(settings.conversations(), settings.messages());
		if (fill.holds(plan, settings.messages())) {
			System.out.printf("The store holds the %,d messages from an earlier run: not filled again%n",
					settings.messages());
		}
		else {
			System.out.printf("Filling: %,d messages across %,d conversations (longest %,d)%n", settings.messages(),
					plan.size(), plan.stream().mapToLong(Conversation::lastSeq).max().orElse(0));
			fill.store(plan, 1000);
			fill.mark(plan, settings.messages());
		}
		System.out.printf("Data file: %,d MB%n", fileSize(dataDir) / 1_000_000);
		int maxPageSize = context.getBean(ChatSettings.class).maxPageSize();
		int pageSize = (settings.pageSize() > 0) ? settings.pageSize() : maxPageSize;
		HistoryBenchmark benchmark = new HistoryBenchmark(context.getBean(ChatService.class), plan, pageSize);
		benchmark.timePages(settings);
		if (settings.restPages() > 0) {
			timeRest(context, fill, settings.restPages(), pageSize);
		}
		System.out.printf("Data file at the end: %,d MB%n", fileSize(dataDir) / 1_000_000);
	}

	private void timePages(Settings settings) throws Exception {
		System.out.printf("Warm-up: %,d pages%n", settings.warmup());
		for (Kind kind : Kind.values()) {
			time(kind, 1, settings.warmup() / Kind.values().length);
		}
		System.out.printf("ChatService.page, limit %d (times in ms)%n", this.pageSize);
		System.out.println(Result.HEADER);
		for (int threads : List.of(1, settings.threads())) {
			for (Kind kind : Kind.values()) {
				System.out.println(time(kind, threads, settings.pages()).line());
			}
		}
	}

	/**
	 * Times this many pages of one kind, spread over threads that each take their share.
	 */
	private Result time(Kind kind, int threads, int pages) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Result>> parts = new ArrayList<>();
			long cpu = processCpuNanos();
			long started = System.nanoTime();
			for (int t = 0; t < threads; t++) {
				long seed = kind.ordinal() * 1000L + threads * 100L + t;
				parts.add(pool.submit(() -> timeOnOneThread(kind, pages / threads, new Random(seed))));
			}
			Result total = new Result(kind.label, threads, new Histogram(HIGHEST_MICROS, 3), 0, 0, 0);
			for (Future<Result> part : parts) {
				total = total.plus(part.get());
			}
			return total.lasting(System.nanoTime() - started, processCpuNanos() - cpu);
		}
		finally {
			pool.shutdown();
		}
	}

	private Result timeOnOneThread(Kind kind, int pages, Random random) {
		Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
		long messages = 0;
		for (int i = 0; i < pages; i++) {
			Request request = request(kind, random);
			long started = System.nanoTime();
			MessagePage page = this.chat.page(request.userId(), request.conversationId(), request.before(),
					request.after(), this.pageSize);
			histogram.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - started) / 1000));
			messages += page.messages().size();
		}
		return new Result(kind.label, 1, histogram, messages, 0, 0);
	}

	/**
	 * CPU time of the whole process (app and embedded store): per page it is the work a
	 * page costs, which other load on the machine does not inflate as it does latency.
	 */
	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private Request request(Kind kind, Random random) {
		List<Conversation> from = (kind == Kind.OLDER && !this.longer.isEmpty()) ? this.longer : this.conversations;
		Conversation conversation = from.get(random.nextInt(from.size()));
		String user = random.nextBoolean() ? conversation.clientId() : conversation.therapistId();
		long last = conversation.lastSeq();
		return switch (kind) {
			case LATEST -> new Request(user, conversation.id(), null, null);
			// a full page somewhere before the latest one, when the conversation has one
			case OLDER -> new Request(
					user, conversation.id(), (last > this.pageSize)
							? this.pageSize + 1 + random.nextLong(last - this.pageSize) : 2 + random.nextLong(last),
					null);
			// a client that comes back having seen everything up to a random message
			case RESUME -> new Request(user, conversation.id(), null, random.nextLong(last));
		};
	}

	/**
	 * The REST endpoint end to end (HTTP, a real signed token, JSON) on one conversation
	 * of a thousand messages (ten pages at least) in the same store: latest and older
	 * pages alternately.
	 */
	private static void timeRest(ConfigurableApplicationContext context, HistoryFill fill, int pages, int pageSize)
			throws IOException, InterruptedException {
		TestTokens tokens = context.getBean(TestTokens.class);
		UserId client = tokens.account(Role.CLIENT);
		UserId therapist = tokens.account(Role.THERAPIST);
		tokens.assign(client, therapist);
		String token = tokens.tokenFor(client, Role.CLIENT);
		int length = Math.max(1000, 10 * pageSize);
		Conversation conversation = new Conversation(ConversationDocument.therapyId(client.value(), therapist.value()),
				client.value(), therapist.value(), length);
		fill.store(List.of(conversation), 1000);
		String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port")
				+ "/api/conversations/" + conversation.id() + "/messages?limit=" + pageSize;
		HttpClient http = HttpClient.newHttpClient();
		Random random = new Random(7);
		Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
		long bytes = 0;
		long cpu = 0;
		for (int i = -pages / 4; i < pages; i++) {
			if (i == 0) {
				cpu = processCpuNanos();
			}
			String uri = (i % 2 == 0) ? base : base + "&before=" + (pageSize + 1 + random.nextInt(length - pageSize));
			HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
				.header("Authorization", "Bearer " + token)
				.GET()
				.build();
			long started = System.nanoTime();
			HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			long micros = (System.nanoTime() - started) / 1000;
			if (response.statusCode() != 200) {
				throw new IllegalStateException("GET history answered " + response.statusCode());
			}
			if (i >= 0) {
				histogram.recordValue(Math.min(HIGHEST_MICROS, micros));
				bytes += response.body().length;
			}
		}
		System.out.printf("REST GET /api/conversations/{id}/messages?limit=%d, one client, %,d requests, "
				+ "%,d bytes a page (times in ms)%n", pageSize, pages, bytes / pages);
		System.out.println(Result.HEADER);
		System.out
			.println(new Result("REST latest/older", 1, histogram, (long) pageSize * pages, 0, processCpuNanos() - cpu)
				.line());
	}

	private static void printMachine(Path dataDir) throws IOException {
		String cpu = "?";
		Path cpuinfo = Path.of("/proc/cpuinfo");
		if (Files.isReadable(cpuinfo)) {
			try (Stream<String> lines = Files.lines(cpuinfo)) {
				cpu = lines.filter((line) -> line.startsWith("model name"))
					.findFirst()
					.map((line) -> line.substring(line.indexOf(':') + 1).trim())
					.orElse("?");
			}
		}
		System.out.printf("Machine: %s, %d cores, load %.2f; Java %s, heap up to %,d MB; data in %s%n", cpu,
				Runtime.getRuntime().availableProcessors(),
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.version(),
				Runtime.getRuntime().maxMemory() / 1_000_000, dataDir);
	}

	private static long fileSize(Path dataDir) throws IOException {
		Path file = dataDir.resolve("cocon.mv.db");
		return Files.exists(file) ? Files.size(file) : 0;
	}

	private static void deleteRecursively(Path dir) throws IOException {
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	private enum Kind {

		LATEST("latest page"), OLDER("older (before)"), RESUME("resume (after)");

		private final String label;

		Kind(String label) {
			this.label = label;
		}

	}

	private record Request(String userId, String conversationId, @Nullable Long before, @Nullable Long after) {
	}

	/**
	 * Latencies of some pages, in microseconds, how many messages they held, how long
	 * they took together and the process CPU time they cost.
	 */
	private record Result(String label, int threads, Histogram histogram, long messages, long nanos, long cpuNanos) {

		static final String HEADER = String.format("%-18s %7s %7s %9s %7s %7s %7s %7s %8s %8s %7s %5s", "case",
				"threads", "pages", "msgs/page", "p50", "p95", "p99", "p99.9", "max", "pages/s", "cpu/pg", "load");

		Result plus(Result part) {
			Histogram sum = this.histogram.copy();
			sum.add(part.histogram);
			return new Result(this.label, this.threads, sum, this.messages + part.messages, 0, 0);
		}

		Result lasting(long wallNanos, long cpu) {
			return new Result(this.label, this.threads, this.histogram, this.messages, wallNanos, cpu);
		}

		String line() {
			long pages = this.histogram.getTotalCount();
			String rate = (this.nanos > 0) ? String.format("%,8.0f", pages / (this.nanos / 1e9)) : "";
			return String.format("%-18s %7d %7d %9.1f %7.2f %7.2f %7.2f %7.2f %8.2f %8s %7.2f %5.1f", this.label,
					this.threads, pages, (double) this.messages / Math.max(1, pages), ms(50), ms(95), ms(99), ms(99.9),
					this.histogram.getMaxValue() / 1000.0, rate, this.cpuNanos / 1e6 / Math.max(1, pages),
					ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		}

		private double ms(double percentile) {
			return this.histogram.getValueAtPercentile(percentile) / 1000.0;
		}

	}

	/**
	 * Settings, from system properties {@code history.*}.
	 *
	 * @param conversations how many conversations
	 * @param messages how many messages across them
	 * @param pages pages timed per case and thread count
	 * @param warmup pages before timing starts
	 * @param threads the thread count of the concurrent round (the first has one)
	 * @param pageSize the limit asked for; 0 takes the app's largest page
	 * @param dataDir the store's folder, kept (and reused when it holds the same counts);
	 * when not set a temporary folder that is deleted at the end
	 * @param restPages REST requests timed; 0 skips the REST round
	 */
	record Settings(int conversations, int messages, int pages, int warmup, int threads, int pageSize,
			@Nullable Path dataDir, int restPages) {

		static Settings fromSystemProperties() {
			String dir = System.getProperty("history.data-dir", "");
			return new Settings(Integer.getInteger("history.conversations", 10_000),
					Integer.getInteger("history.messages", 1_000_000), Integer.getInteger("history.pages", 20_000),
					Integer.getInteger("history.warmup", 5_000), Integer.getInteger("history.threads", 4),
					Integer.getInteger("history.page-size", 0), dir.isBlank() ? null : Path.of(dir).toAbsolutePath(),
					Integer.getInteger("history.rest-pages", 2_000));
		}

	}

}
