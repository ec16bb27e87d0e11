package be.cocon.loadtest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
			  --instances N [1]        Cocon instances on one store, sessions spread over them (each
			                           client on another instance than their therapist); 1,2 runs
			                           the load on one, then on two, and prints the ratio
			  --relay                  the broker relay also with one instance
			  --relay-host H [127.0.0.1] --relay-port P [61613]   RabbitMQ's STOMP port, for
			                           two or more instances (and --relay)
			  --heap SIZE [1g]         -Xmx of each server it starts
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
		try (Cocon cocon = Cocon.open(options, runDir, 1)) {
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
		List<Integer> instanceCounts = options.instances();
		if (options.string("url") != null && !instanceCounts.equals(List.of(1))) {
			throw new IllegalArgumentException("--instances starts the instances itself: leave out --url");
		}
		Report.Target baseline = null;
		List<Report.Target> cocons = new ArrayList<>();
		if (!options.flag("no-baseline")) {
			baseline = baseline(options, runDir, pairs, rates, warmup, duration, drain);
		}
		if (!options.flag("no-cocon")) {
			for (int instances : instanceCounts) {
				cocons.add(cocon(options, runDir, pairs, rates, warmup, duration, drain, instances));
			}
		}
		List<Report.Target> targets = new ArrayList<>();
		if (baseline != null) {
			targets.add(baseline);
		}
		targets.addAll(cocons);
		List<Report.Ratio> ratios = (baseline != null && !cocons.isEmpty()) ? ratios(cocons.get(0), baseline)
				: List.of();
		List<Report.Comparison> instanceRatios = new ArrayList<>();
		for (Report.Target other : cocons.subList(Math.min(1, cocons.size()), cocons.size())) {
			instanceRatios.add(new Report.Comparison(other.name(), cocons.get(0).name(), ratios(other, cocons.get(0))));
		}
		System.out.println();
		for (Report.Target target : targets) {
			Report.summary(target).forEach(System.out::println);
		}
		System.out.println();
		System.out.println("Summary");
		targets.forEach((target) -> System.out.println(Report.oneLine(target)));
		if (!ratios.isEmpty()) {
			System.out.println(Report.ratioLine(cocons.get(0).name(), baseline.name(), ratios));
		}
		for (Report.Comparison comparison : instanceRatios) {
			System.out.println(Report.ratioLine(comparison.of(), comparison.to(), comparison.ratios()));
		}
		String reportFile = options.string("report");
		if (reportFile != null) {
			Path report = Path.of(reportFile);
			if (report.toAbsolutePath().getParent() != null) {
				Files.createDirectories(report.toAbsolutePath().getParent());
			}
			JSON.writeValue(report, new Report.Run(startedAt, options.asMap(), targets, ratios, instanceRatios));
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
				participants.add(new Participant("c" + i, "c" + i, conversation, 0));
				participants.add(new Participant("t" + i, "t" + i, conversation, 0));
			}
			LoadRun.Settings settings = settings(options, "baseline", List.of("ws://localhost:" + port + "/ws"), rates,
					warmup, duration, drain);
			return new LoadRun(settings, participants, List.of(new ProcessProbe(broker.pid())), null).execute();
		}
	}

	private static Report.Target cocon(Options options, Path runDir, int pairs, List<Double> rates, Duration warmup,
			Duration duration, Duration drain, int instances) throws Exception {
		try (Cocon cocon = Cocon.open(options, runDir, instances)) {
			Duration runLength = warmup.plus(duration).multipliedBy(rates.size()).plus(drain.multipliedBy(3));
			List<Pair> seeded = cocon.seeder(options).ensure(pairs, runLength.plus(Duration.ofMinutes(30)));
			List<Participant> participants = new ArrayList<>();
			Map<String, String> readers = new LinkedHashMap<>();
			for (int i = 0; i < seeded.size(); i++) {
				Pair pair = seeded.get(i);
				participants.add(new Participant(pair.clientId(), "Bearer " + pair.client().accessToken(),
						pair.conversationId(), LoadRun.instanceOf(i, false, instances)));
				participants.add(new Participant(pair.therapistId(), "Bearer " + pair.therapist().accessToken(),
						pair.conversationId(), LoadRun.instanceOf(i, true, instances)));
				readers.put(pair.conversationId(), pair.client().accessToken());
			}
			String first = seeded.get(0).client().accessToken();
			if (!cocon.api.conversations(first).contains(seeded.get(0).conversationId())) {
				throw new IllegalStateException("The first seeded client has no conversation with their therapist");
			}
			List<String> ws = cocon.baseUrls.stream().map((url) -> url.replaceFirst("^http", "ws") + "/ws").toList();
			String name = (instances == 1) ? "cocon" : "cocon x" + instances;
			LoadRun.Settings settings = settings(options, name, ws, rates, warmup, duration, drain);
			List<ProcessProbe> probes = cocon.pids.stream().map(ProcessProbe::new).toList();
			return new LoadRun(settings, participants, probes,
					(conversation, after) -> cocon.api.history(readers.get(conversation), conversation, after))
				.execute();
		}
	}

	private static LoadRun.Settings settings(Options options, String name, List<String> ws, List<Double> rates,
			Duration warmup, Duration duration, Duration drain) {
		return new LoadRun.Settings(name, ws, options.string("issuer", "http://localhost:8080"), rates, warmup,
				duration, options.integer("burst", 0), drain, options.integer("connect-concurrency", 64),
				options.integer("client-threads", 2), options.integer("send-threads", 2));
	}

	/** One target's figures over another's, rate by rate. */
	private static List<Report.Ratio> ratios(Report.Target target, Report.Target other) {
		List<Report.Ratio> ratios = new ArrayList<>();
		for (int i = 0; i < Math.min(other.phases().size(), target.phases().size()); i++) {
			Report.Phase base = other.phases().get(i);
			Report.Phase ours = target.phases().get(i);
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

	/**
	 * What an instance after the first needs to share its store: the embedded store's
	 * address (unless a real MongoDB is configured), and the privacy keyset the first
	 * made next to it, without which it could neither read nor write encrypted fields.
	 * The JWT signing keys are in the store, so tokens from one instance are good on
	 * every other.
	 */
	static Map<String, String> followerSettings(Map<String, String> first, Path runDir) {
		Map<String, String> settings = new LinkedHashMap<>();
		if (!first.containsKey("spring.mongodb.uri")) {
			settings.put("spring.mongodb.uri",
					"mongodb://" + first.getOrDefault("cocon.store.bind-address", "127.0.0.1") + ":"
							+ first.get("cocon.store.port") + "/"
							+ first.getOrDefault("cocon.store.database", "cocon"));
		}
		Path dataDir = Path.of(first.getOrDefault("cocon.store.data-dir", runDir.resolve("data").toString()));
		settings.put("cocon.privacy.encryption.keyset-file", first.getOrDefault("cocon.privacy.encryption.keyset-file",
				dataDir.resolve("privacy-keyset.json").toString()));
		return settings;
	}

	/**
	 * The Cocon under test: started here (one instance, or several on the first one's
	 * store with the broker relay on), or already running at {@code --url}.
	 */
	private static final class Cocon implements AutoCloseable {

		/** Each instance's URL; the first holds the store. */
		final List<String> baseUrls;

		/** The first instance's API: seeding and reading the store back. */
		final CoconApi api;

		final Path cacheFile;

		/** Each instance's process, where known. */
		final List<Long> pids;

		private final List<ChildJvm> children;

		private Cocon(List<String> baseUrls, CoconApi api, Path cacheFile, List<Long> pids, List<ChildJvm> children) {
			this.baseUrls = baseUrls;
			this.api = api;
			this.cacheFile = cacheFile;
			this.pids = pids;
			this.children = children;
		}

		static Cocon open(Options options, Path runDir, int instances) throws Exception {
			String issuer = options.string("issuer", "http://localhost:8080");
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
			String url = options.string("url");
			if (url != null) {
				URI target = URI.create(url);
				Path cache = runDir.resolve("sessions-" + target.getHost() + "-" + target.getPort() + ".json");
				String pid = options.string("pid");
				return new Cocon(List.of(url), new CoconApi(http, url, issuer), cache,
						(pid != null) ? List.of(Long.parseLong(pid)) : List.of(), List.of());
			}
			Path app = appJar(options);
			Relay relay = (instances > 1 || options.flag("relay")) ? Relay.of(options) : null;
			List<ChildJvm> children = new ArrayList<>();
			try {
				Map<String, String> first = null;
				for (int i = 1; i <= instances; i++) {
					int port = ChildJvm.freePort();
					Map<String, String> own = new LinkedHashMap<>();
					if (relay != null) {
						own.put("cocon.chat.relay.host", relay.host());
						own.put("cocon.chat.relay.port", Integer.toString(relay.port()));
					}
					if (first == null) {
						if (instances > 1) {
							// a known port, so the other instances can be pointed at it
							own.put("cocon.store.port", Integer.toString(ChildJvm.freePort()));
						}
					}
					else {
						own.putAll(followerSettings(first, runDir));
					}
					Map<String, String> settings = appSettings(options, port, runDir, own, first == null);
					List<String> arguments = new ArrayList<>(List.of("-jar", app.toString()));
					settings.forEach((name, value) -> arguments.add("--" + name + "=" + value));
					System.out
						.println("Starting Cocon " + ((instances > 1) ? "instance " + i + " of " + instances + " " : "")
								+ "(" + app + ") on port " + port
								+ ((first == null) ? ", data in " + runDir.resolve("data") : ", on instance 1's store")
								+ ((relay != null) ? ", broker relay " + relay.host() + ":" + relay.port() : ""));
					children.add(ChildJvm.start((i == 1) ? "cocon" : "cocon-" + i, jvmOptions(options), arguments, port,
							runDir.resolve((i == 1) ? "app.log" : "app-" + i + ".log"), "/actuator/health",
							Duration.ofSeconds(300)));
					if (first == null) {
						first = settings;
					}
				}
			}
			catch (Exception | Error ex) {
				children.forEach(ChildJvm::close);
				throw ex;
			}
			String firstUrl = children.get(0).baseUrl();
			return new Cocon(children.stream().map(ChildJvm::baseUrl).toList(), new CoconApi(http, firstUrl, issuer),
					runDir.resolve("sessions.json"), children.stream().map(ChildJvm::pid).toList(), children);
		}

		/**
		 * The settings a load run needs: tokens that outlive a run, sign-ups and sends
		 * not throttled for one address and user, more connections than Tomcat's default
		 * 8192; then the instance's own, then {@code --app-arg}.
		 */
		private static Map<String, String> appSettings(Options options, int port, Path runDir,
				Map<String, String> instance, boolean holdsStore) {
			Map<String, String> settings = new LinkedHashMap<>();
			settings.put("server.port", Integer.toString(port));
			if (holdsStore) {
				settings.put("cocon.store.data-dir", runDir.resolve("data").toAbsolutePath().toString());
			}
			settings.put("cocon.identity.access-token-ttl", "12h");
			settings.put("cocon.identity.refresh-token-ttl", "30d");
			settings.put("cocon.identity.signups-per-address-per-hour", "1000000");
			settings.put("cocon.chat.sends-per-minute", "1000");
			settings.put("server.tomcat.max-connections", "20000");
			settings.putAll(instance);
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
			// the first holds the store: it goes last
			for (int i = this.children.size() - 1; i >= 0; i--) {
				this.children.get(i).close();
			}
		}

	}

	/** The STOMP broker (RabbitMQ) the instances relay their live events through. */
	private record Relay(String host, int port) {

		static Relay of(Options options) throws IOException {
			Relay relay = new Relay(options.string("relay-host", "127.0.0.1"), options.integer("relay-port", 61613));
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(relay.host(), relay.port()), 2000);
			}
			catch (IOException ex) {
				throw new IOException(
						"No STOMP broker at " + relay.host() + ":" + relay.port()
								+ " for the broker relay (RabbitMQ with rabbitmq_stomp; --relay-host, --relay-port)",
						ex);
			}
			return relay;
		}

	}

}
