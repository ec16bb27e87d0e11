package be.cocon.privacy;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.identity.UserId;
import be.cocon.support.ControlledClock;
import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;
import be.cocon.support.MutableClock;
import be.cocon.support.StompTestClient;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention purge through the real modules and the public API, with a clock the test
 * moves: what is older than its period goes, what is recent stays, a purge cut off
 * halfway resumes with the same cutoff, and it never runs while another instance holds
 * the lease. Default periods: messages, check-ins, resolved escalations 365 days, nudges
 * 180, audit entries 730.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({ TestTokens.class, ControlledClock.class })
class RetentionTests {

	private static final Instant NOW = Instant.parse("2027-06-15T10:00:00Z");

	private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	MutableClock clock;

	@Autowired
	RetentionJob job;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	LockProvider locks;

	private final List<StompTestClient> open = new ArrayList<>();

	@Autowired
	List<RetentionPurge> purges;

	@AfterEach
	void close() {
		this.open.forEach(StompTestClient::close);
		// the clock is shared with the other tests of this context
		this.clock.set(ControlledClock.START);
	}

	@Test
	void everyKindOfDataHasOnePurgeInTheModuleThatOwnsIt() {
		assertThat(this.purges).extracting(RetentionPurge::kind)
			.containsExactlyInAnyOrder(RetentionPurge.Kind.values());
		assertThat(this.purges).extracting((purge) -> purge.getClass().getPackageName())
			.containsExactlyInAnyOrder("be.cocon.chat", "be.cocon.checkin", "be.cocon.safety", "be.cocon.nudge",
					"be.cocon.privacy");
	}

	@Test
	void whatIsOlderThanItsPeriodGoesAndWhatIsRecentStays() throws Exception {
		HttpTestClient http = new HttpTestClient(this.port);
		this.clock.set(NOW.minus(Duration.ofDays(800)));
		Pair pair = pair();
		Pair idle = pair();
		String moderator = this.tokens.tokenFor(Role.MODERATOR);
		http.get("/api/clients/" + pair.client.value() + "/enrolments", "Authorization", bearer(pair.therapistToken));

		this.clock.set(NOW.minus(Duration.ofDays(400)));
		StompTestClient kid = connect(pair.clientToken);
		say(kid, pair.therapy, "[oud] een bericht");
		say(kid, pair.therapy, "[oud] nog een");
		say(connect(idle.clientToken), idle.therapy, "[oud] alleen oude hier");
		checkIn(http, pair.clientToken, 4);
		assertThat(http.postJson("/api/help", "{}", "Authorization", bearer(pair.clientToken)).status()).isEqualTo(200);
		String oldEscalation = pair.client.value() + ":1";
		assertThat(
				http.postJson("/api/escalations/" + oldEscalation + "/claim", "{}", "Authorization", bearer(moderator))
					.status())
			.isEqualTo(200);
		assertThat(http
			.postJson("/api/escalations/" + oldEscalation + "/resolve", "{\"outcome\":\"CONTACTED\"}", "Authorization",
					bearer(moderator))
			.status()).isEqualTo(200);
		assertThat(nudge(http, pair, "Een oude aanmoediging").get("status").asString()).isEqualTo("SENT");

		this.clock.set(NOW.minus(Duration.ofDays(10)));
		say(kid, pair.therapy, "[recent] een bericht");
		checkIn(http, pair.clientToken, 7);
		nudge(http, pair, "Een recente aanmoediging");
		http.get("/api/clients/" + pair.client.value() + "/enrolments", "Authorization", bearer(pair.therapistToken));
		assertThat(http.postJson("/api/help", "{}", "Authorization", bearer(pair.clientToken)).status()).isEqualTo(200);

		this.clock.set(NOW);
		RetentionJob.Report report = this.job.run(Integer.MAX_VALUE);

		assertThat(report.complete()).isTrue();
		JsonNode history = http
			.get("/api/conversations/" + pair.therapy + "/messages", "Authorization", bearer(pair.clientToken))
			.json();
		assertThat(history.get("messages").findValuesAsString("body")).contains("[recent] een bericht")
			.noneMatch((body) -> body.contains("[oud]"));
		assertThat(history.get("hasOlder").asBoolean()).isFalse();
		JsonNode older = http
			.get("/api/conversations/" + pair.therapy + "/messages?before=3", "Authorization", bearer(pair.clientToken))
			.json();
		assertThat(older.get("messages").size()).isZero();
		assertThat(older.get("hasOlder").asBoolean()).isFalse();
		JsonNode idleList = http.get("/api/conversations", "Authorization", bearer(idle.clientToken)).json();
		assertThat(idleList.get(0).get("lastMessage").isNull()).as("the preview of a purged message is gone").isTrue();
		assertThat(http
			.get("/api/conversations/" + idle.therapy + "/messages?after=0", "Authorization", bearer(idle.clientToken))
			.json()
			.get("messages")
			.size()).isZero();

		assertThat(month(pair.client, NOW.minus(Duration.ofDays(400)))).as("the old month is gone").isNull();
		assertThat(month(pair.client, NOW.minus(Duration.ofDays(10)))).isNotNull();

		assertThat(this.mongo.findById(oldEscalation, Document.class, "escalations")).isNull();
		assertThat(this.mongo.findById(pair.client.value() + ":2", Document.class, "escalations")).isNotNull();
		assertThat(http.get("/api/escalations?status=RESOLVED", "Authorization", bearer(moderator)).body())
			.doesNotContain(oldEscalation + "\"");

		String nudges = http
			.get("/api/clients/" + pair.client.value() + "/nudges", "Authorization", bearer(pair.therapistToken))
			.body();
		assertThat(nudges).contains("Een recente aanmoediging").doesNotContain("Een oude aanmoediging");

		JsonNode audit = http.get("/api/me/audit?limit=50", "Authorization", bearer(pair.clientToken)).json();
		assertThat(audit.get("items").findValuesAsString("at")).isNotEmpty()
			.allMatch((at) -> Instant.parse(at).isAfter(NOW.minus(Duration.ofDays(730))));
		assertThat(audit.get("items").findValuesAsString("action")).contains("programme.view");
	}

	@Test
	void aPurgeCutOffHalfwayResumesWithItsCutoff() throws Exception {
		Instant start = NOW.plus(Duration.ofDays(30));
		this.clock.set(start.minus(Duration.ofDays(400)));
		List<Pair> pairs = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Pair pair = pair();
			say(connect(pair.clientToken), pair.therapy, "Oud bericht " + i);
			pairs.add(pair);
		}
		this.clock.set(start);

		RetentionJob.Report first = this.job.run(1, 1);
		Document cutOff = progress("MESSAGES");
		this.clock.advance(Duration.ofDays(1));
		this.job.run(2, 1);
		Document resumed = progress("MESSAGES");
		RetentionJob.Report rest = this.job.run(Integer.MAX_VALUE);
		Document finished = progress("MESSAGES");

		assertThat(first.complete()).isFalse();
		assertThat(cutOff.getString("after")).isNotNull();
		assertThat(cutOff.get("finishedAt")).isNull();
		assertThat(resumed.getDate("cutoff")).as("resumed, not started over").isEqualTo(cutOff.getDate("cutoff"));
		assertThat(resumed.getString("after")).isGreaterThan(cutOff.getString("after"));
		assertThat(rest.complete()).isTrue();
		assertThat(finished.getDate("cutoff")).isEqualTo(cutOff.getDate("cutoff"));
		assertThat(finished.getDate("finishedAt")).isNotNull();
		for (Pair pair : pairs) {
			assertThat(this.mongo.findById(pair.therapy + ":000000000001", Document.class, "messages")).isNull();
		}

		this.job.run(Integer.MAX_VALUE);
		assertThat(progress("MESSAGES").getDate("cutoff")).as("the next run has a cutoff of its own")
			.isAfter(cutOff.getDate("cutoff"));
	}

	@Test
	void aMessagePurgeCutOffBetweenItsStepsIsFinishedByTheNextRun() throws Exception {
		HttpTestClient http = new HttpTestClient(this.port);
		this.clock.set(NOW.minus(Duration.ofDays(400)));
		Pair pair = pair();
		StompTestClient kid = connect(pair.clientToken);
		say(kid, pair.therapy, "Eerste");
		say(kid, pair.therapy, "Tweede");
		// as if a purge died after noting how far it goes and deleting both messages,
		// before
		// noting that they are gone
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(pair.therapy)),
				new Update().set("purgingThroughSeq", 2L), "conversations");
		this.mongo.remove(
				Query.query(Criteria.where("_id").in(pair.therapy + ":000000000001", pair.therapy + ":000000000002")),
				"messages");
		this.clock.set(NOW.minus(Duration.ofDays(300)));
		say(kid, pair.therapy, "Derde");

		this.clock.set(NOW);
		this.job.run(Integer.MAX_VALUE);

		JsonNode history = http
			.get("/api/conversations/" + pair.therapy + "/messages", "Authorization", bearer(pair.clientToken))
			.json();
		assertThat(history.get("messages").findValuesAsString("body")).containsExactly("Derde");
		assertThat(history.get("hasOlder").asBoolean()).isFalse();
		Document conversation = this.mongo.findById(pair.therapy, Document.class, "conversations");
		assertThat(conversation.get("purgingThroughSeq")).isNull();
		assertThat(conversation.get("purgedThroughSeq", Number.class).longValue()).isEqualTo(2);
	}

	@Test
	void neverRunsWhileAnotherInstanceHoldsTheLease() {
		LockConfiguration lease = new LockConfiguration(Instant.now(), "privacy.retention", Duration.ofMinutes(1),
				Duration.ZERO);
		this.clock.set(NOW.plus(Duration.ofDays(100)));
		Optional<SimpleLock> other = this.locks.lock(lease);
		assertThat(other).as("the other instance holds the lease").isPresent();
		try {
			this.job.scheduled();
			assertThat(startedAt()).isNotEqualTo(NOW.plus(Duration.ofDays(100)));
		}
		finally {
			other.get().unlock();
		}

		this.job.scheduled();
		assertThat(startedAt()).isEqualTo(NOW.plus(Duration.ofDays(100)));
	}

	private Instant startedAt() {
		Document job = this.mongo.findById("job", Document.class, RetentionJob.RUNS);
		return (job != null) ? job.getDate("lastStartedAt").toInstant() : Instant.EPOCH;
	}

	private Document progress(String kind) {
		return this.mongo.findById(kind, Document.class, RetentionJob.RUNS);
	}

	private Document month(UserId client, Instant at) {
		return this.mongo.findById(client.value() + ":" + YearMonth.from(at.atZone(BRUSSELS)), Document.class,
				"checkin_months");
	}

	private Pair pair() {
		UserId client = this.tokens.account(Role.CLIENT);
		UserId therapist = this.tokens.account(Role.THERAPIST);
		this.tokens.assign(client, therapist);
		return new Pair(client, this.tokens.tokenFor(client, Role.CLIENT),
				this.tokens.tokenFor(therapist, Role.THERAPIST), "therapy-" + client.value() + "-" + therapist.value());
	}

	private StompTestClient connect(String token) throws Exception {
		StompTestClient stomp = StompTestClient.connect(this.port, token);
		this.open.add(stomp);
		stomp.subscribe("/user/queue/acks");
		stomp.subscribe("/user/queue/errors");
		return stomp.awaitSubscribed();
	}

	private static void say(StompTestClient stomp, String conversation, String text) throws InterruptedException {
		String id = UUID.randomUUID().toString();
		stomp.sendMessage(conversation, id, text);
		while (true) {
			JsonNode ack = stomp.next("/user/queue/acks");
			if (id.equals(ack.get("clientMessageId").asString())) {
				return;
			}
		}
	}

	private static void checkIn(HttpTestClient http, String token, int mood) {
		Response response = http.postJson("/api/checkins",
				"{\"id\":\"" + UUID.randomUUID() + "\",\"mood\":" + mood + ",\"stress\":5,\"tags\":[]}",
				"Authorization", bearer(token));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
	}

	private static JsonNode nudge(HttpTestClient http, Pair pair, String text) {
		Response response = http.postJson("/api/clients/" + pair.client.value() + "/nudges",
				"{\"text\":\"" + text + "\"}", "Authorization", bearer(pair.therapistToken));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json();
	}

	private record Pair(UserId client, String clientToken, String therapistToken, String therapy) {
	}

}
