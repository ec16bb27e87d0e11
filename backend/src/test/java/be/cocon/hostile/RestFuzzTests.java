package be.cocon.hostile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.spi.ILoggingEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import be.cocon.hostile.RestOperations.Operation;
import be.cocon.hostile.RestOperations.Parameter;
import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.support.FuzzRun;
import be.cocon.support.Hostile;
import be.cocon.support.LogRecorder;
import be.cocon.support.RawHttp;
import be.cocon.support.RawHttp.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every REST operation in {@code docs/openapi.json}, called with hostile and boundary
 * values in each path and query parameter, each body field, the whole body and the
 * headers, with a valid token of each role or none. Every answer must be a success or a
 * 4xx problem detail, never a 5xx; afterwards the server is healthy, a sentinel client's
 * data reads back unchanged and nothing was logged at ERROR nor any client text logged.
 * The seed is printed; {@code -Dcocon.fuzz.seed=<n>} replays a run and
 * {@code -Dcocon.fuzz.rest.cases=<n>} sets its size.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestTokens.class)
class RestFuzzTests {

	private static final Path DOCUMENT = Path.of("..", "docs", "openapi.json");

	private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");

	/** Actions allowed in the {@code {action}} path segments. */
	private static final Map<String, List<String>> ACTIONS = Map.of("/api/enrolments/",
			List.of("pause", "resume", "restart", "leave"), "/api/clients/", List.of("cancel", "approve", "dismiss"));

	/** Path segments no ordinary client would send: invalid escapes, raw controls. */
	private static final List<String> RAW_SEGMENTS = List.of("%", "%zz", "%ff", "%c0%ae", "%2e%2e", "%2F", "%5C", "%00",
			"a%00b", ";jsessionid=1", "..;", "%e2%80%ae", "%ed%a0%80", "a" + "%41".repeat(3000), "x".repeat(9000),
			"%25", "~", "%20", "%20%20", "+");

	private static final List<String[]> HOSTILE_HEADERS = List.of(new String[] { "X-Request-Id", Hostile.CANARY },
			new String[] { "X-Request-Id", "x".repeat(5000) }, new String[] { "Accept", "application/xml" },
			new String[] { "Accept", "text/html;q=abc, */*;q=2" }, new String[] { "Accept", "application/" },
			new String[] { "Accept-Language", "xx-;;q=abc,*;q=-1" }, new String[] { "Accept-Language", "%ff" },
			new String[] { "Accept-Charset", "utf-99" }, new String[] { "Cookie", "SESSION=" + Hostile.CANARY },
			new String[] { "Cookie", "XSRF-TOKEN=\u0001; a" }, new String[] { "Origin", "https://evil.example" },
			new String[] { "X-Forwarded-Host", "evil.example" }, new String[] { "X-Forwarded-Proto", "gopher" },
			new String[] { "If-Modified-Since", "yesterday" }, new String[] { "Range", "bytes=9-1" },
			new String[] { "X-HTTP-Method-Override", "DELETE" }, new String[] { "Content-Encoding", "gzip" },
			new String[] { "Expect", "100-continue" });

	private static final List<String> AUTHORIZATIONS = List.of("Bearer", "Bearer ", "Bearer " + Hostile.CANARY,
			"Bearer a.b.c", "Bearer ..", "Bearer " + "x".repeat(6000), "Basic " + Hostile.CANARY, "bearer",
			"Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "Bearer \u00e9\u00e9");

	private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
			"multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/json; charset=bogus",
			"application/x-www-form-urlencoded", "application/json;;;", "*/*", "application/problem+json");

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	TestTokens testTokens;

	private FuzzWorld world;

	private Random random;

	@Test
	void hostileRequestsToEveryOperationGetProblemDetailsAndChangeNoStoredData() throws Exception {
		FuzzRun run = FuzzRun.start("rest");
		this.random = run.random();
		this.world = new FuzzWorld(this.port, this.testTokens);
		Map<String, JsonNode> sentinelBefore = this.world.sentinelData();
		List<Operation> operations = RestOperations.read(DOCUMENT);

		List<Case> cases = new ArrayList<>();
		for (Operation operation : operations) {
			cases.addAll(casesFor(operation, allowedRoles(operation)));
		}
		// a different sample of the whole space on every run (about 30 s on two busy
		// cores),
		// spread so that every parameter, field and header of every operation gets some
		List<Case> chosen = spread(cases, run.cases(3000));

		List<String> failures = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger serverErrors = new AtomicInteger();
		int threads = Integer.getInteger("cocon.fuzz.threads", 4);
		long started = System.nanoTime();
		try (LogRecorder log = LogRecorder.onRoot()) {
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			for (Case fuzz : chosen) {
				pool.execute(() -> {
					Reply reply = fuzz.send(this.port, this.world.tokens);
					if (reply.status() >= 500 || reply.status() < 0) {
						serverErrors.incrementAndGet();
					}
					String problem = problemWith(fuzz.method(), reply);
					if (problem != null) {
						failures.add(fuzz + " -> " + reply.status() + ": " + problem);
					}
				});
			}
			pool.shutdown();
			assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).as("the fuzz run ends").isTrue();
			long seconds = (System.nanoTime() - started) / 1_000_000_000;
			this.world.assertHealthy();
			List<ILoggingEvent> errors = log.errors();
			List<ILoggingEvent> leaked = log.containing(Hostile.CANARY);
			run.figure("operations", operations.size());
			run.figure("generated", cases.size());
			run.figure("slots",
					chosen.stream()
						.map((fuzz) -> fuzz.operation() + " " + fuzz.what().split("[= :]", 2)[0])
						.distinct()
						.count());
			run.figure("cases", chosen.size());
			run.figure("threads", threads);
			run.figure("seconds", seconds);
			run.figure("serverErrors", serverErrors.get());
			run.figure("notProblemDetails", failures.size() - serverErrors.get());
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

	/**
	 * This many cases, taken in turn from each slot (an operation's parameter, body
	 * field, header, whole body, method) in a random order, so that a sample covers every
	 * slot.
	 */
	private List<Case> spread(List<Case> cases, int count) {
		Map<String, List<Case>> slots = new LinkedHashMap<>();
		for (Case fuzz : cases) {
			slots.computeIfAbsent(fuzz.operation() + " " + fuzz.what().split("[= :]", 2)[0], (key) -> new ArrayList<>())
				.add(fuzz);
		}
		List<List<Case>> queues = new ArrayList<>(slots.values());
		queues.forEach((queue) -> Collections.shuffle(queue, this.random));
		Collections.shuffle(queues, this.random);
		List<Case> chosen = new ArrayList<>();
		for (int round = 0; chosen.size() < Math.min(count, cases.size()); round++) {
			for (List<Case> queue : queues) {
				if (round < queue.size() && chosen.size() < count) {
					chosen.add(queue.get(round));
				}
			}
		}
		return chosen;
	}

	/** What is wrong with this answer, or null when it is a success or a 4xx problem. */
	private static String problemWith(String method, Reply reply) {
		if (reply.status() < 0) {
			return "no answer";
		}
		if (reply.status() < 400) {
			return null;
		}
		if ("HEAD".equals(method)) {
			// the answer to HEAD has no body
			return (reply.status() >= 500) ? "server error" : null;
		}
		String type = String.valueOf(reply.header("content-type"));
		if (!type.startsWith("application/problem+json")) {
			return "not a problem detail (" + type + "): " + abbreviate(reply.body());
		}
		try {
			JsonNode body = JSON.readTree(reply.body());
			if (body.path("status").asInt() != reply.status()) {
				return "problem status differs: " + abbreviate(reply.body());
			}
		}
		catch (RuntimeException ex) {
			return "problem is not JSON: " + abbreviate(reply.body());
		}
		return (reply.status() >= 500) ? "server error: " + abbreviate(reply.body()) : null;
	}

	/**
	 * The roles (null for no token) whose baseline call is not refused with 401 or 403.
	 */
	private Set<Role> allowedRoles(Operation operation) {
		Set<Role> allowed = EnumSet.noneOf(Role.class);
		for (Role role : Role.values()) {
			Reply reply = new Case(role, operation, target(operation, role, Map.of(), Map.of()), List.of(),
					validBody(operation, role), "baseline")
				.send(this.port, this.world.tokens);
			if (reply.status() != 401 && reply.status() != 403) {
				allowed.add(role);
			}
		}
		return allowed;
	}

	private List<Case> casesFor(Operation operation, Set<Role> allowed) {
		List<Case> cases = new ArrayList<>();
		for (Role role : roles()) {
			cases.add(new Case(role, operation, target(operation, role, Map.of(), Map.of()), List.of(),
					validBody(operation, role), "valid"));
		}
		for (Parameter parameter : operation.in("path")) {
			for (String value : withRandomTexts(Hostile.STRINGS)) {
				Role role = role(allowed);
				cases.add(new Case(role, operation,
						target(operation, role, Map.of(parameter.name(), encode(value)), Map.of()), List.of(),
						validBody(operation, role), parameter.name() + "=" + describe(value)));
			}
			for (String raw : RAW_SEGMENTS) {
				Role role = role(allowed);
				cases.add(new Case(role, operation, target(operation, role, Map.of(parameter.name(), raw), Map.of()),
						List.of(), validBody(operation, role), parameter.name() + " raw " + describe(raw)));
			}
		}
		for (Parameter parameter : operation.in("query")) {
			List<String> values = new ArrayList<>(
					withRandomTexts(parameter.integer() ? Hostile.INTEGERS : Hostile.STRINGS));
			if (parameter.integer()) {
				values.addAll(Hostile.STRINGS.subList(0, 12));
			}
			for (String value : values) {
				Role role = role(allowed);
				cases.add(new Case(role, operation,
						target(operation, role, Map.of(), Map.of(parameter.name(), encode(value))), List.of(),
						validBody(operation, role), parameter.name() + "=" + describe(value)));
			}
			for (String raw : List.of("%", "%ff", "%zz", "a&" + parameter.name() + "=b", "")) {
				Role role = role(allowed);
				cases.add(new Case(role, operation, target(operation, role, Map.of(), Map.of(parameter.name(), raw)),
						List.of(), validBody(operation, role), parameter.name() + " raw " + describe(raw)));
			}
		}
		if (operation.body() != null) {
			cases.addAll(bodyCases(operation, allowed));
		}
		for (String[] header : HOSTILE_HEADERS) {
			Role role = role(allowed);
			cases.add(new Case(role, operation, target(operation, role, Map.of(), Map.of()),
					List.of(new String[][] { header }), validBody(operation, role),
					header[0] + ": " + describe(header[1])));
		}
		for (String authorization : AUTHORIZATIONS) {
			cases.add(new Case(null, operation, target(operation, Role.CLIENT, Map.of(), Map.of()),
					List.of(new String[][] { { "Authorization", authorization } }), validBody(operation, Role.CLIENT),
					"Authorization: " + describe(authorization)));
		}
		for (String method : List.of("PUT", "PATCH", "DELETE", "TRACE", "OPTIONS", "HEAD", "PROPFIND")) {
			if (!method.equals(operation.method())) {
				Role role = role(allowed);
				cases.add(new Case(role, operation, method, target(operation, role, Map.of(), Map.of()), List.of(),
						validBody(operation, role), "method " + method));
			}
		}
		return cases;
	}

	private List<Case> bodyCases(Operation operation, Set<Role> allowed) {
		List<Case> cases = new ArrayList<>();
		for (String field : operation.body().keySet()) {
			List<String> values = new ArrayList<>(Hostile.JSON_VALUES);
			withRandomTexts(Hostile.STRINGS).forEach((value) -> values.add(Hostile.quoted(value)));
			for (int i = 0; i < 10; i++) {
				values.add(Hostile.randomJson(this.random, new ArrayList<>(operation.body().keySet()), 2));
			}
			for (String value : values) {
				Role role = role(allowed);
				Map<String, String> body = validFields(operation, role);
				body.put(field, value);
				cases.add(new Case(role, operation, target(operation, role, Map.of(), Map.of()), List.of(),
						object(body), field + "=" + describe(value)));
			}
		}
		for (String body : Hostile.BODIES) {
			Role role = role(allowed);
			cases.add(new Case(role, operation, target(operation, role, Map.of(), Map.of()), List.of(),
					body.getBytes(StandardCharsets.UTF_8), "body " + describe(body)));
		}
		for (byte[] bytes : List.of(new byte[] { (byte) 0xff, (byte) 0xfe, '{', 0, '}', 0 },
				"{\"text\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1), new byte[] { '{', '"', (byte) 0xc3 },
				Hostile.randomBytes(this.random, 300))) {
			Role role = role(allowed);
			cases.add(new Case(role, operation, target(operation, role, Map.of(), Map.of()), List.of(), bytes,
					"body of bytes that are not UTF-8"));
		}
		for (String type : CONTENT_TYPES) {
			Role role = role(allowed);
			cases.add(new Case(role, operation, target(operation, role, Map.of(), Map.of()),
					List.of(new String[][] { { "Content-Type", type } }), validBody(operation, role),
					"Content-Type: " + type));
		}
		List<String> names = new ArrayList<>(operation.body().keySet());
		for (int i = 0; i < 60; i++) {
			Role role = role(allowed);
			String body = Hostile.randomObject(this.random, names, 3);
			cases.add(new Case(role, operation, target(operation, role, Map.of(), Map.of()), List.of(),
					body.getBytes(StandardCharsets.UTF_8), "random body " + describe(body)));
		}
		return cases;
	}

	/** The values and ten random texts (any characters, up to 200). */
	private List<String> withRandomTexts(List<String> values) {
		List<String> all = new ArrayList<>(values);
		for (int i = 0; i < 10; i++) {
			all.add(Hostile.randomText(this.random, 1 + this.random.nextInt(200)));
		}
		return all;
	}

	/** Mostly a role the operation is meant for, now and then any caller. */
	private Role role(Set<Role> allowed) {
		if (!allowed.isEmpty() && this.random.nextInt(4) > 0) {
			return Hostile.pick(this.random, new ArrayList<>(allowed));
		}
		return Hostile.pick(this.random, roles());
	}

	private static List<Role> roles() {
		List<Role> roles = new ArrayList<>(List.of(Role.values()));
		roles.add(null);
		return roles;
	}

	/**
	 * The request target with real ids of the fuzz world in the path variables (or the
	 * sentinel's, now and then, for callers who may not see them), except those given.
	 */
	private String target(Operation operation, Role role, Map<String, String> pathValues,
			Map<String, String> queryValues) {
		Matcher variables = TEMPLATE_VARIABLE.matcher(operation.path());
		StringBuilder path = new StringBuilder();
		while (variables.find()) {
			String name = variables.group(1);
			String value = pathValues.containsKey(name) ? pathValues.get(name) : encode(realId(operation, name, role));
			variables.appendReplacement(path, Matcher.quoteReplacement(value));
		}
		variables.appendTail(path);
		List<String> query = new ArrayList<>();
		for (Parameter parameter : operation.in("query")) {
			if (queryValues.containsKey(parameter.name())) {
				query.add(parameter.name() + "=" + queryValues.get(parameter.name()));
			}
		}
		return path + (query.isEmpty() ? "" : "?" + String.join("&", query));
	}

	private String realId(Operation operation, String name, Role role) {
		boolean foreign = this.random.nextInt(5) == 0;
		boolean admin = operation.path().startsWith("/api/admin/");
		return switch (name) {
			case "clientId", "subjectId" -> {
				if (role == Role.ADMIN && admin) {
					yield (foreign && "GET".equals(operation.method())) ? this.world.sentinel.value()
							: this.world.adminVictim.value();
				}
				yield foreign ? this.world.sentinel.value() : this.world.client.value();
			}
			case "id" -> admin ? this.world.adminVictim.value() : this.world.escalation;
			case "enrolmentId" -> foreign ? this.world.sentinelEnrolment : this.world.enrolment;
			case "conversationId" -> foreign ? this.world.sentinelConversation
					: Hostile.pick(this.random, List.of(this.world.therapyConversation, this.world.guideConversation));
			case "nudgeId" -> this.world.nudge;
			case "templateId" -> this.world.template;
			// devices are the caller's own: another's id, or one never made, removes
			// nothing
			case "deviceId" -> "d-" + Integer.toHexString(this.random.nextInt());
			case "stepId" -> this.world.currentStep;
			case "action" -> ACTIONS.entrySet()
				.stream()
				.filter((entry) -> operation.path().startsWith(entry.getKey()))
				.map((entry) -> Hostile.pick(this.random, entry.getValue()))
				.findFirst()
				.orElse("x");
			default -> throw new IllegalStateException(
					"No real value for path variable " + name + " of " + operation + ": teach the fuzzer one");
		};
	}

	private byte[] validBody(Operation operation, Role role) {
		return (operation.body() != null) ? object(validFields(operation, role)) : null;
	}

	/** A plausible JSON value for each body field (a real id where the field is one). */
	private Map<String, String> validFields(Operation operation, Role role) {
		Map<String, String> fields = new LinkedHashMap<>();
		operation.body().forEach((name, schema) -> fields.put(name, validValue(name, schema)));
		return fields;
	}

	private String validValue(String name, JsonNode schema) {
		if (schema.has("enum")) {
			return Hostile.quoted(Hostile.pick(this.random, toList(schema.get("enum"))));
		}
		String type = schema.path("type").asString("object");
		return switch (name) {
			case "programmeId" -> "\"stress-and-relaxation\"";
			case "therapistId" -> Hostile.quoted(this.world.therapist.value());
			case "stepId" -> Hostile.quoted(this.world.currentStep);
			case "id" -> Hostile.quoted(UUID.randomUUID().toString());
			case "timezone" -> "\"Europe/Brussels\"";
			case "locale" -> "\"nl\"";
			case "time", "quietStart" -> "\"19:00\"";
			case "quietEnd" -> "\"08:00\"";
			case "password" -> "\"long-enough-password-1\"";
			case "username" -> Hostile.quoted("fuzz-" + UUID.randomUUID().toString().substring(0, 8));
			case "mood", "stress" -> String.valueOf(1 + this.random.nextInt(10));
			default -> switch (type) {
				case "string" -> "\"Fuzz hallo\"";
				case "integer" -> String.valueOf(schema.path("minimum").asInt(1));
				case "number" -> "1.0";
				case "boolean" -> "true";
				case "array" -> "[]";
				default -> "{}";
			};
		};
	}

	private static List<String> toList(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	private static byte[] object(Map<String, String> fields) {
		StringBuilder json = new StringBuilder("{");
		fields.forEach((name, value) -> {
			if (json.length() > 1) {
				json.append(',');
			}
			json.append(Hostile.quoted(name)).append(':').append(value);
		});
		return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String describe(String value) {
		String shown = value.length() > 40 ? value.substring(0, 40) + "...(" + value.length() + ")" : value;
		return shown.replace("\n", "\\n").replace("\r", "\\r");
	}

	private static String abbreviate(String text) {
		return (text.length() > 300) ? text.substring(0, 300) + "..." : text;
	}

	/**
	 * One request.
	 *
	 * @param role the caller (null for no token)
	 * @param operation the operation it is a case of
	 * @param method the method sent (usually the operation's)
	 * @param target the request target as sent
	 * @param headers extra headers
	 * @param body the body, or null
	 * @param what what is hostile about it
	 */
	private record Case(Role role, Operation operation, String method, String target, List<String[]> headers,
			byte[] body, String what) {

		Case(Role role, Operation operation, String target, List<String[]> headers, byte[] body, String what) {
			this(role, operation, operation.method(), target, headers, body, what);
		}

		Reply send(int port, Map<Role, String> tokens) {
			List<String[]> all = new ArrayList<>();
			boolean typed = this.headers.stream().anyMatch((header) -> header[0].equalsIgnoreCase("Content-Type"));
			if (this.body != null && !typed) {
				all.add(new String[] { "Content-Type", "application/json" });
			}
			if (this.role != null) {
				all.add(new String[] { "Authorization", "Bearer " + tokens.get(this.role) });
			}
			all.addAll(this.headers);
			return RawHttp.send(port, this.method, this.target.getBytes(StandardCharsets.UTF_8), all, this.body);
		}

		@Override
		public String toString() {
			return this.method + " " + abbreviate(this.target) + " as " + ((this.role != null) ? this.role : "nobody")
					+ " [" + this.what + "]";
		}

	}

}
