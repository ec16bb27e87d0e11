package be.cocon.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import be.cocon.loadtest.LoadRun.Participant;
import be.cocon.loadtest.SeedCache.Pair;
import be.cocon.loadtest.baseline.BaselineBroker;

/**
 * The load generator's command line: {@code seed}, {@code run}, and {@code broker} (the
 * baseline server, which {@code run} starts in a child JVM). See docs/performance.md.
 */
public final class LoadTest {

	private static final String USAGE = """
			usage: java -jar loadtest/target/cocon-loadtest.jar <command> [options]
			  seed    make client-therapist pairs through the API and cache their tokens
			  run     the baseline broker, then Cocon, under the same load; prints a summary
			  broker  the bare STOMP baseline server (run starts it itself)
			options (defaults in brackets):
			  --sessions N [1000]      sessions, two per client-therapist pair
			  --rate R [500]           messages per second over all sessions
			  --rates R1,R2,...        a sweep: each rate in turn on the same sessions
			  --duration D [60s]       measured window per rate
			  --warmup D [10s]         unmeasured load before each window
			  --burst N [0]            afterwards one session sends N messages back to back
			  --drain D [30s]          longest wait for outstanding acks and copies at the end
			  --no-baseline            skip the baseline broker
			  --no-cocon               only the baseline (to see what the machine and client manage)
			  --report FILE            write the JSON report there
			  --url URL                use a running Cocon instead of starting backend/target/cocon.jar
			  --pid PID                with --url: the server's process, for CPU and heap
			  --app JAR [backend/target/cocon.jar]   the app jar to start
			  --app-arg --name=value   extra app setting (repeatable; overrides the run's own)
			  --heap SIZE [1g]         -Xmx of the servers it starts
			  --jvm-arg ARG            extra JVM option for the servers it starts (repeatable)
			  --run-dir DIR [loadtest-run]   data folder, logs and the seed cache
			  --issuer URL [http://localhost:8080]   the app's public URL: Origin and redirect URI
			  --admin-user U [demo-admin] --admin-password P [cocon-demo-2026]
			  --connect-concurrency N [64] --client-threads N [2] --send-threads N [2]
			  --seed-concurrency N [4]
			""";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private LoadTest() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
			System.out.print(USAGE);
			return;
		}
		String command = args[0];
		List<String> rest = Arrays.asList(args).subList(1, args.length);
		switch (command) {
			case "broker" -> BaselineBroker.main(rest.toArray(String[]::new));
			case "seed" -> seed(Options.parse(rest));
			case "run" -> System.exit(run(Options.parse(rest)));
			default -> {
				System.err.print("Unknown command " + command + "\n" + USAGE);
				System.exit(2);
			}
		}
	}

	private static void seed(Options options) throws Exception {
		int pairs = pairs(options);
		Path runDir = options.path("run-dir", "loadtest-run");
		try (Cocon cocon = Cocon.open(options, runDir)) {
			cocon.seeder(options).ensure(pairs, Duration.ofHours(1));
			System.out.println("Seed cache: " + cocon.cacheFile);
		}
		System.exit(0);
	}

	private static int run(Options options) throws Exception {
		Instant startedAt = Instant.now();
		int pairs = pairs(options);
		Path runDir = options.path("run-dir", "loadtest-run");
		Files.createDirectories(runDir);
		List<Double> rates = options.rates(500);
		Duration warmup = options.duration("warmup", "10s");
		Duration duration = options.duration("duration", "60s");
		Duration drain = options.duration("drain", "30s");
		List<Report.Target> targets = new ArrayList<>();
		if (!options.flag("no-baseline")) {
			targets.add(baseline(options, runDir, pairs, rates, warmup, duration, drain));
		}
		if (!options.flag("no-cocon")) {
			targets.add(cocon(options, runDir, pairs, rates, warmup, duration, drain));
		}
		List<Report.Ratio> ratios = ratios(targets);
		System.out.println();
		for (Report.Target target : targets) {
			Report.summary(target).forEach(System.out::println);
		}
		System.out.println();
		System.out.println("Summary");
		targets.forEach((target) -> System.out.println(Report.oneLine(target)));
		if (!ratios.isEmpty()) {
			System.out.println(Report.ratioLine(ratios));
		}
		String reportFile = options.string("report");
		if (reportFile != null) {
			Path report = Path.of(reportFile);
			if (report.toAbsolutePath().getParent() != null) {
				Files.createDirectories(report.toAbsolutePath().getParent());
			}
			JSON.writeValue(report, new Report.Run(startedAt, options.asMap(), targets, ratios));
			System.out.println("Report: " + report);
		}
		boolean complete = targets.stream()
			.allMatch((target) -> target.completeness().complete()
					&& target.connect().connected() == target.connect().attempted());
		return complete ? 0 : 1;
	}

	private static Report.Target baseline(Options options, Path runDir, int pairs, List<Double> rates, Duration warmup,
			Duration duration, Duration drain) throws Exception {
		int port = ChildJvm.freePort();
		List<String> arguments = new ArrayList<>(selfLaunch());
		arguments.addAll(List.of("broker", "--server.port=" + port, "--server.tomcat.max-connections=20000",
				"--spring.main.banner-mode=off"));
		System.out.println("Starting the baseline broker on port " + port);
		try (ChildJvm broker = ChildJvm.start("baseline", jvmOptions(options), arguments, port,
				runDir.resolve("baseline.log"), "/health", Duration.ofSeconds(120))) {
			List<Participant> participants = new ArrayList<>();
			for (int i = 0; i < pairs; i++) {
				// ids without dashes: the broker reads the participants from the id
				String conversation = "therapy-c" + i + "-t" + i;
				participants.add(new Participant("c" + i, "c" + i, conversation));
				participants.add(new Participant("t" + i, "t" + i, conversation));
			}
			LoadRun.Settings settings = settings(options, "baseline", "ws://localhost:" + port + "/ws", rates, warmup,
					duration, drain);
			return new LoadRun(settings, participants, new ProcessProbe(broker.pid()), null).execute();
		}
	}

	private static Report.Target cocon(Options options, Path runDir, int pairs, List<Double> rates, Duration warmup,
			Duration duration, Duration drain) throws Exception {
		try (Cocon cocon = Cocon.open(options, runDir)) {
			Duration runLength = warmup.plus(duration).multipliedBy(rates.size()).plus(drain.multipliedBy(3));
			List<Pair> seeded = cocon.seeder(options).ensure(pairs, runLength.plus(Duration.ofMinutes(30)));
			List<Participant> participants = new ArrayList<>();
			Map<String, String> readers = new LinkedHashMap<>();
			for (Pair pair : seeded) {
				participants.add(new Participant(pair.clientId(), "Bearer " + pair.client().accessToken(),
						pair.conversationId()));
				participants.add(new Participant(pair.therapistId(), "Bearer " + pair.therapist().accessToken(),
						pair.conversationId()));
				readers.put(pair.conversationId(), pair.client().accessToken());
			}
			String first = seeded.get(0).client().accessToken();
			if (!cocon.api.conversations(first).contains(seeded.get(0).conversationId())) {
				throw new IllegalStateException("The first seeded client has no conversation with their therapist");
			}
			String ws = cocon.baseUrl.replaceFirst("^http", "ws") + "/ws";
			LoadRun.Settings settings = settings(options, "cocon", ws, rates, warmup, duration, drain);
			ProcessProbe probe = (cocon.pid != null) ? new ProcessProbe(cocon.pid) : null;
			return new LoadRun(settings, participants, probe,
					(conversation, after) -> cocon.api.history(readers.get(conversation), conversation, after))
				.execute();
		}
	}

	private static LoadRun.Settings settings(Options options, String name, String ws, List<Double> rates,
			Duration warmup, Duration duration, Duration drain) {
		return new LoadRun.Settings(name, ws, options.string("issuer", "http://localhost:8080"), rates, warmup,
				duration, options.integer("burst", 0), drain, options.integer("connect-concurrency", 64),
				options.integer("client-threads", 2), options.integer("send-threads", 2));
	}

	private static List<Report.Ratio> ratios(List<Report.Target> targets) {
		if (targets.size() < 2) {
			return List.of();
		}
		Report.Target baseline = targets.get(0);
		Report.Target cocon = targets.get(1);
		List<Report.Ratio> ratios = new ArrayList<>();
		for (int i = 0; i < Math.min(baseline.phases().size(), cocon.phases().size()); i++) {
			Report.Phase base = baseline.phases().get(i);
			Report.Phase ours = cocon.phases().get(i);
			ratios.add(new Report.Ratio(ours.offeredRate(),
					(base.ackedPerSecond() > 0) ? ours.ackedPerSecond() / base.ackedPerSecond() : 0,
					(base.ack().p99() > 0) ? ours.ack().p99() / base.ack().p99() : 0));
		}
		return ratios;
	}

	private static int pairs(Options options) {
		int sessions = options.integer("sessions", 1000);
		if (sessions < 2) {
			throw new IllegalArgumentException("--sessions must be 2 or more");
		}
		return sessions / 2;
	}

	private static List<String> jvmOptions(Options options) {
		List<String> jvm = new ArrayList<>();
		jvm.add("-Xmx" + options.string("heap", "1g"));
		jvm.addAll(options.all("jvm-arg"));
		return jvm;
	}

	/** How to start this same program in another JVM. */
	private static List<String> selfLaunch() {
		String classPath = System.getProperty("java.class.path");
		if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
			return List.of("-jar", classPath);
		}
		return List.of("-cp", classPath, LoadTest.class.getName());
	}

	/** The Cocon under test: started here, or already running at {@code --url}. */
	private static final class Cocon implements AutoCloseable {

		final String baseUrl;

		final CoconApi api;

		final Path cacheFile;

		final @Nullable Long pid;

		private final @Nullable ChildJvm child;

		private Cocon(String baseUrl, CoconApi api, Path cacheFile, @Nullable Long pid, @Nullable ChildJvm child) {
			this.baseUrl = baseUrl;
			this.api = api;
			this.cacheFile = cacheFile;
			this.pid = pid;
			this.child = child;
		}

		static Cocon open(Options options, Path runDir) throws Exception {
			String issuer = options.string("issuer", "http://localhost:8080");
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
			String url = options.string("url");
			if (url != null) {
				URI target = URI.create(url);
				Path cache = runDir.resolve("sessions-" + target.getHost() + "-" + target.getPort() + ".json");
				String pid = options.string("pid");
				return new Cocon(url, new CoconApi(http, url, issuer), cache,
						(pid != null) ? Long.parseLong(pid) : null, null);
			}
			Path app = appJar(options);
			int port = ChildJvm.freePort();
			List<String> arguments = new ArrayList<>(List.of("-jar", app.toString()));
			appSettings(options, port, runDir).forEach((name, value) -> arguments.add("--" + name + "=" + value));
			System.out.println("Starting Cocon (" + app + ") on port " + port + ", data in " + runDir.resolve("data"));
			ChildJvm child = ChildJvm.start("cocon", jvmOptions(options), arguments, port, runDir.resolve("app.log"),
					"/actuator/health", Duration.ofSeconds(300));
			return new Cocon(child.baseUrl(), new CoconApi(http, child.baseUrl(), issuer),
					runDir.resolve("sessions.json"), child.pid(), child);
		}

		/**
		 * The settings a load run needs: tokens that outlive a run, sign-ups and sends
		 * not throttled for one address and user, more connections than Tomcat's default
		 * 8192.
		 */
		private static Map<String, String> appSettings(Options options, int port, Path runDir) {
			Map<String, String> settings = new LinkedHashMap<>();
			settings.put("server.port", Integer.toString(port));
			settings.put("cocon.store.data-dir", runDir.resolve("data").toAbsolutePath().toString());
			settings.put("cocon.identity.access-token-ttl", "12h");
			settings.put("cocon.identity.refresh-token-ttl", "30d");
			settings.put("cocon.identity.signups-per-address-per-hour", "1000000");
			settings.put("cocon.chat.sends-per-minute", "1000");
			settings.put("server.tomcat.max-connections", "20000");
			for (String extra : options.all("app-arg")) {
				String setting = extra.startsWith("--") ? extra.substring(2) : extra;
				int equals = setting.indexOf('=');
				if (equals <= 0) {
					throw new IllegalArgumentException("--app-arg needs --name=value, got " + extra);
				}
				settings.put(setting.substring(0, equals), setting.substring(equals + 1));
			}
			return settings;
		}

		private static Path appJar(Options options) {
			String given = options.string("app");
			if (given != null) {
				return Path.of(given);
			}
			Path here = Path.of("backend", "target", "cocon.jar");
			if (Files.exists(here)) {
				return here;
			}
			Path besideModule = Path.of("..", "backend", "target", "cocon.jar");
			if (Files.exists(besideModule)) {
				return besideModule;
			}
			throw new IllegalStateException(
					"No backend/target/cocon.jar: build it (./mvnw -DskipTests package) or give --app or --url");
		}

		Seeder seeder(Options options) {
			return new Seeder(this.api, this.cacheFile, options.string("admin-user", "demo-admin"),
					options.string("admin-password", "cocon-demo-2026"), options.integer("seed-concurrency", 4));
		}

		@Override
		public void close() {
			if (this.child != null) {
				this.child.close();
			}
		}

	}

}
