package be.cocon.safety;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.identity.UserId;
import be.cocon.support.HttpTestClient;
import be.cocon.support.ControlledClock;
import be.cocon.support.MutableClock;
import be.cocon.support.StompTestClient;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim deadline with a clock the test moves: an unclaimed escalation turns overdue
 * and re-alerts at the configured times, never twice for one deadline even when two
 * checks run at once, and no more once claimed. (The scheduled check itself runs hourly
 * here, so only the test drives it.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cocon.safety.overdue-check-every=1h", "cocon.safety.claim-within=5m",
				"cocon.safety.realert-every=3m" })
@Import({ TestTokens.class, ControlledClock.class, GuaranteedPhrases.class })
class OverdueAlertTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	MutableClock clock;

	@Autowired
	OverdueAlerts alerts;

	@Autowired
	EscalationService escalations;

	final List<StompTestClient> open = new ArrayList<>();

	@AfterEach
	void closeAll() {
		this.open.forEach(StompTestClient::close);
	}

	@Test
	void unclaimedEscalationTurnsOverdueAfterTheDeadlineAndReAlertsUntilClaimed() throws Exception {
		String moderator = this.tokens.tokenFor(Role.MODERATOR);
		StompTestClient console = StompTestClient.connect(this.port, moderator).subscribeUserQueues();
		this.open.add(console);
		console.subscribe("/topic/escalations");
		Thread.sleep(150);
		String id = helpRequestedBy(this.tokens.account(Role.CLIENT));
		nextAbout(console, id);

		this.clock.advance(Duration.ofMinutes(4).plusSeconds(59));
		this.alerts.check();
		assertThat(escalation(id, moderator).get("overdue").asBoolean()).isFalse();

		this.clock.advance(Duration.ofSeconds(1));
		this.alerts.check();
		JsonNode overdue = nextAbout(console, id);
		assertThat(overdue.get("type").asString()).isEqualTo("OVERDUE");
		assertThat(overdue.at("/escalation/id").asString()).isEqualTo(id);
		assertThat(overdue.at("/escalation/alerts").asInt()).isEqualTo(1);

		this.clock.advance(Duration.ofMinutes(2));
		this.alerts.check();
		assertThat(nothingAbout(console, id)).isTrue();

		this.clock.advance(Duration.ofMinutes(1));
		this.alerts.check();
		assertThat(nextAbout(console, id).at("/escalation/alerts").asInt()).isEqualTo(2);

		new HttpTestClient(this.port).postJson("/api/escalations/" + id + "/claim", "{}", "Authorization",
				bearer(moderator));
		assertThat(nextAbout(console, id).get("type").asString()).isEqualTo("CLAIMED");
		this.clock.advance(Duration.ofMinutes(30));
		this.alerts.check();
		assertThat(nothingAbout(console, id)).isTrue();
		JsonNode claimed = escalation(id, moderator);
		assertThat(claimed.get("alerts").asInt()).isEqualTo(2);
		assertThat(claimed.get("overdue").asBoolean()).isTrue();
	}

	@Test
	void twoChecksAtTheSameMomentAlertOnce() throws Exception {
		String moderator = this.tokens.tokenFor(Role.MODERATOR);
		String id = helpRequestedBy(this.tokens.account(Role.CLIENT));
		this.clock.advance(Duration.ofMinutes(5));

		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Callable<Integer> check = this.escalations::alertOverdue;
			List<Future<Integer>> runs = pool.invokeAll(List.of(check, check));
			assertThat(runs.get(0).get() + runs.get(1).get()).isGreaterThanOrEqualTo(1);
		}
		finally {
			pool.shutdown();
		}
		assertThat(escalation(id, moderator).get("alerts").asInt()).isEqualTo(1);
	}

	/** The next event about this escalation (others of this class may pass by). */
	private static JsonNode nextAbout(StompTestClient console, String id) throws InterruptedException {
		while (true) {
			JsonNode event = console.next("/topic/escalations");
			if (event.at("/escalation/id").asString().equals(id)) {
				return event;
			}
		}
	}

	private static boolean nothingAbout(StompTestClient console, String id) throws InterruptedException {
		JsonNode event;
		while ((event = console.poll("/topic/escalations", 300)) != null) {
			if (event.at("/escalation/id").asString().equals(id)) {
				return false;
			}
		}
		return true;
	}

	private String helpRequestedBy(UserId client) {
		return new HttpTestClient(this.port)
			.postJson("/api/help", "{}", "Authorization", bearer(this.tokens.tokenFor(client, Role.CLIENT)))
			.json()
			.get("escalationId")
			.asString();
	}

	private JsonNode escalation(String id, String moderator) {
		return new HttpTestClient(this.port).get("/api/escalations/" + id, "Authorization", bearer(moderator)).json();
	}

}
