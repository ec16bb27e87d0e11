package be.cocon.checkin;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.identity.UserId;
import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;
import be.cocon.support.MutableClock;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily reminder and the local days of check-ins, with a clock the test moves: the
 * guide posts at the chosen local time of the client's zone (also across a daylight
 * saving change), not before, once per day even when two runs overlap, and not on a day
 * the client already checked in. (The scheduled job runs hourly here, so only the test
 * drives it.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "cocon.checkin.reminder-check-every=1h")
@Import({ TestTokens.class, DailyReminderTests.ControlledTime.class })
class DailyReminderTests {

	static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	MutableClock clock;

	@Autowired
	DailyReminders reminders;

	@Autowired
	ReminderJob job;

	@Autowired
	CheckinClients clients;

	@Autowired
	MoodTrends moodTrends;

	UserId client;

	HttpTestClient http;

	@BeforeEach
	void aClientInBrussels() {
		this.client = this.tokens.account(Role.CLIENT);
		this.http = new HttpTestClient(this.port);
	}

	@Test
	void theReminderComesAtTheLocalTimeNotBeforeAlsoOnTheDayTheClocksChange() {
		ZoneOffsetTransition change = BRUSSELS.getRules().nextTransition(this.clock.instant().plus(Duration.ofDays(2)));
		LocalDate dayBefore = change.getInstant().atZone(BRUSSELS).toLocalDate().minusDays(1);
		advanceTo(ZonedDateTime.of(dayBefore, LocalTime.NOON, BRUSSELS).toInstant());
		reminderAt("20:00");
		Instant first = ZonedDateTime.of(dayBefore, LocalTime.of(20, 0), BRUSSELS).toInstant();
		Instant second = ZonedDateTime.of(dayBefore.plusDays(1), LocalTime.of(20, 0), BRUSSELS).toInstant();
		assertThat(Duration.between(first, second)).isNotEqualTo(Duration.ofHours(24));

		advanceTo(first.minusSeconds(60));
		this.reminders.sendDue();
		assertThat(reminderMessages()).isEmpty();

		advanceTo(first);
		this.reminders.sendDue();
		this.reminders.sendDue();
		List<JsonNode> posted = reminderMessages();
		assertThat(posted).hasSize(1);
		assertThat(posted.get(0).get("kind").asString()).isEqualTo("NOTICE");
		assertThat(posted.get(0).get("senderId").asString()).isEqualTo("guide");
		assertThat(posted.get(0).at("/data/notice").asString()).isEqualTo("checkin-reminder");
		assertThat(posted.get(0).at("/data/date").asString()).isEqualTo(dayBefore.toString());
		assertThat(posted.get(0).get("body").asString()).startsWith("Hoe gaat het vandaag?");

		advanceTo(first.plus(Duration.ofHours(24)).isBefore(second) ? first.plus(Duration.ofHours(24))
				: second.minusSeconds(60));
		this.reminders.sendDue();
		assertThat(reminderMessages()).hasSize(1);

		advanceTo(second);
		this.reminders.sendDue();
		assertThat(reminderMessages()).extracting((message) -> message.at("/data/date").asString())
			.containsExactly(dayBefore.toString(), dayBefore.plusDays(1).toString());
	}

	@Test
	void twoRunsAtTheSameMomentRemindOnce() throws Exception {
		Instant due = advanceToNextLocal(LocalTime.of(9, 0)).plus(Duration.ofHours(1));
		// reminders of other tests that fell due while the clock moved go now, so only
		// this one is due at 10:00
		this.reminders.sendDue();
		reminderAt("10:00");
		advanceTo(due);

		int posted = 0;
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Callable<Integer> run = this.reminders::sendDue;
			for (Future<Integer> result : pool.invokeAll(List.of(run, run))) {
				posted += result.get();
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(posted).isEqualTo(1);
		this.job.run();

		assertThat(reminderMessages()).hasSize(1);
	}

	@Test
	void ofTwoRunsThatSawTheSameDueReminderOnlyOneMovesIt() {
		reminderAt("21:00");
		Instant seen = this.clients.findById(this.client.value()).orElseThrow().reminder().nextAt();
		Instant next = seen.plus(Duration.ofDays(1));

		assertThat(this.clients.advance(this.client.value(), seen, next, "Europe/Brussels")).isTrue();
		assertThat(this.clients.advance(this.client.value(), seen, next, "Europe/Brussels")).isFalse();
		assertThat(this.clients.findById(this.client.value()).orElseThrow().reminder().nextAt()).isEqualTo(next);
	}

	@Test
	void noReminderOnADayTheClientAlreadyCheckedIn() {
		Instant morning = advanceToNextLocal(LocalTime.of(8, 0));
		reminderAt("12:00");
		checkIn(6);

		advanceTo(morning.plus(Duration.ofHours(4)));
		this.job.run();
		assertThat(reminderMessages()).isEmpty();

		advanceTo(ZonedDateTime.ofInstant(morning, BRUSSELS).plusDays(1).withHour(12).toInstant());
		this.job.run();
		assertThat(reminderMessages()).extracting((message) -> message.at("/data/date").asString())
			.containsExactly(LocalDate.ofInstant(morning, BRUSSELS).plusDays(1).toString());
	}

	@Test
	void aReminderSwitchedOffIsNotPosted() {
		Instant morning = advanceToNextLocal(LocalTime.of(8, 0));
		reminderAt("09:00");
		assertThat(this.http.putJson("/api/checkins/reminder", "{\"enabled\":false}", "Authorization", bearer(token()))
			.status()).isEqualTo(200);

		advanceTo(morning.plus(Duration.ofHours(2)));
		this.reminders.sendDue();

		assertThat(reminderMessages()).isEmpty();
	}

	@Test
	void checkInsAndTrendsFollowTheClientsOwnTimeZone() {
		ZoneId losAngeles = ZoneId.of("America/Los_Angeles");
		assertThat(this.http
			.patchJson("/api/me", "{\"timezone\":\"America/Los_Angeles\"}", "Authorization", bearer(token()))
			.status()).isEqualTo(200);
		Instant lateEvening = advanceToNextLocal(LocalTime.of(23, 30), losAngeles);
		LocalDate evening = LocalDate.ofInstant(lateEvening, losAngeles);
		assertThat(LocalDate.ofInstant(lateEvening, ZoneId.of("UTC"))).isEqualTo(evening.plusDays(1));
		for (int day = 0; day < 15; day++) {
			checkIn((day < 8) ? 3 : 8);
			advanceToNextLocal(LocalTime.of(23, 30), losAngeles);
		}

		JsonNode trends = get("/api/checkins/trends?days=14");
		JsonNode all = get("/api/checkins?days=30");

		LocalDate today = evening.plusDays(15);
		assertThat(all.size()).isEqualTo(15);
		assertThat(all.get(14).get("date").asString()).isEqualTo(evening.toString());
		assertThat(all.get(0).get("date").asString()).isEqualTo(evening.plusDays(14).toString());
		assertThat(get("/api/checkins?days=1").size()).isZero();
		assertThat(trends.get("timezone").asString()).isEqualTo("America/Los_Angeles");
		assertThat(trends.get("to").asString()).isEqualTo(today.toString());
		assertThat(trends.at("/days/13/count").asInt()).isZero();
		assertThat(trends.at("/days/12/count").asInt()).isEqualTo(1);
		assertThat(trends.at("/days/12/date").asString()).isEqualTo(evening.plusDays(14).toString());
		// the last 7 days hold six check-ins of 8; the 7 before, six of 3 and one of 8
		assertThat(trends.at("/average7/mood").asDouble()).isEqualTo(8.0);
		assertThat(trends.at("/previous7/mood").asDouble()).isEqualTo(3.7);
		assertThat(trends.get("direction").asString()).isEqualTo("UP");
		MoodSummary summary = this.moodTrends.summariesOf(List.of(this.client.value())).get(0);
		assertThat(summary.mood7()).isEqualTo(8.0);
		assertThat(summary.direction()).isEqualTo(Direction.UP);
	}

	/**
	 * A fresh token: moving the clock by months rotates the signing keys, which retires
	 * the key an older token was signed with.
	 */
	private String token() {
		return this.tokens.tokenFor(this.client, Role.CLIENT);
	}

	private void reminderAt(String time) {
		Response saved = this.http.putJson("/api/checkins/reminder", "{\"enabled\":true,\"time\":\"" + time + "\"}",
				"Authorization", bearer(token()));
		assertThat(saved.status()).as(saved.body()).isEqualTo(200);
	}

	private void checkIn(int mood) {
		Response posted = this.http.postJson("/api/checkins",
				"{\"id\":\"" + UUID.randomUUID() + "\",\"mood\":" + mood + ",\"stress\":5}", "Authorization",
				bearer(token()));
		assertThat(posted.status()).as(posted.body()).isEqualTo(201);
	}

	private JsonNode get(String path) {
		Response response = this.http.get(path, "Authorization", bearer(token()));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private List<JsonNode> reminderMessages() {
		List<JsonNode> reminders = new java.util.ArrayList<>();
		get("/api/conversations/checkin-" + this.client.value() + "/messages").get("messages").forEach(reminders::add);
		return reminders;
	}

	private void advanceTo(Instant instant) {
		assertThat(instant).as("the clock only moves forward").isAfterOrEqualTo(this.clock.instant());
		this.clock.advance(Duration.between(this.clock.instant(), instant));
	}

	private Instant advanceToNextLocal(LocalTime time) {
		return advanceToNextLocal(time, BRUSSELS);
	}

	private Instant advanceToNextLocal(LocalTime time, ZoneId zone) {
		Instant next = DailyReminders.nextOccurrence(time, zone, this.clock.instant());
		advanceTo(next);
		return next;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ControlledTime {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(Instant.parse("2027-03-26T09:00:00Z"));
		}

	}

}
