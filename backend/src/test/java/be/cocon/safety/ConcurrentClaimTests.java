package be.cocon.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.identity.UserId;
import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/** Many moderators press "claim" on one escalation at the same moment. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestTokens.class)
class ConcurrentClaimTests {

	static final int MODERATORS = 8;

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Test
	void exactlyOneOfManyConcurrentClaimsWins() throws Exception {
		UserId client = this.tokens.account(Role.CLIENT);
		HttpTestClient http = new HttpTestClient(this.port);
		String id = http.postJson("/api/help", "{}", "Authorization", bearer(this.tokens.tokenFor(client, Role.CLIENT)))
			.json()
			.get("escalationId")
			.asString();
		List<UserId> moderators = new ArrayList<>();
		List<Callable<Response>> claims = new ArrayList<>();
		CountDownLatch ready = new CountDownLatch(MODERATORS);
		for (int i = 0; i < MODERATORS; i++) {
			UserId moderator = this.tokens.account(Role.MODERATOR);
			String token = this.tokens.tokenFor(moderator, Role.MODERATOR);
			moderators.add(moderator);
			claims.add(() -> {
				HttpTestClient own = new HttpTestClient(this.port);
				ready.countDown();
				ready.await();
				return own.postJson("/api/escalations/" + id + "/claim", "{}", "Authorization", bearer(token));
			});
		}

		ExecutorService pool = Executors.newFixedThreadPool(MODERATORS);
		List<Response> answers = new ArrayList<>();
		try {
			for (Future<Response> answer : pool.invokeAll(claims)) {
				answers.add(answer.get());
			}
		}
		finally {
			pool.shutdown();
		}

		List<Response> won = answers.stream().filter((answer) -> answer.status() == 200).toList();
		assertThat(won).hasSize(1);
		assertThat(answers).filteredOn((answer) -> answer.status() == 409)
			.hasSize(MODERATORS - 1)
			.allSatisfy(
					(lost) -> assertThat(lost.json().get("code").asString()).isEqualTo("escalation.already-claimed"));
		String winner = won.get(0).json().at("/claimedBy/id").asString();
		assertThat(moderators).extracting(UserId::value).contains(winner);
		String anyModerator = this.tokens.tokenFor(Role.MODERATOR);
		assertThat(http.get("/api/escalations/" + id, "Authorization", bearer(anyModerator))
			.json()
			.at("/claimedBy/id")
			.asString()).isEqualTo(winner);
		assertThat(http.get("/actuator/prometheus", "Authorization", bearer(this.tokens.tokenFor(Role.ADMIN))).body())
			.contains("cocon_safety_time_to_claim_seconds_count")
			.containsPattern("cocon_safety_escalations_opened_total\\{[^}]*source=\"HELP_BUTTON\"");
	}

}
