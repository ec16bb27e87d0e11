package be.cocon.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

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
import static org.awaitility.Awaitility.await;

/**
 * Web Push through the real API and the real chat: a local stand-in push service receives
 * what the server sends and the test decrypts it with the subscription's own keys. One
 * sender thread, so notifications arrive in the order their messages were stored:
 * "nothing arrived" is shown by a later notification arriving first.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cocon.push.allow-http-endpoints=true", "cocon.push.endpoint-hosts=127.0.0.1",
				"cocon.push.sender-threads=1", "cocon.nudge.dispatch-every=1h", "cocon.nudge.adaptive-every=1h" })
@Import({ TestTokens.class, ControlledClock.class })
class PushNotificationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	MutableClock clock;

	HttpTestClient http;

	UserId client;

	String clientToken;

	String therapistToken;

	String conversation;

	PushReceiver receiver;

	final List<StompTestClient> open = new ArrayList<>();

	@BeforeEach
	void clientWithTherapist() throws Exception {
		this.client = this.tokens.account(Role.CLIENT);
		UserId therapist = this.tokens.account(Role.THERAPIST);
		this.tokens.assign(this.client, therapist);
		this.clientToken = this.tokens.tokenFor(this.client, Role.CLIENT);
		this.therapistToken = this.tokens.tokenFor(therapist, Role.THERAPIST);
		this.conversation = "therapy-" + this.client.value() + "-" + therapist.value();
		this.http = new HttpTestClient(this.port);
		this.receiver = new PushReceiver();
		// 11:00 in Brussels, where test clients live: outside the default quiet hours
		this.clock.set(Instant.parse("2026-11-23T10:00:00Z"));
	}

	@AfterEach
	void closeAll() {
		this.open.forEach(StompTestClient::close);
		this.receiver.close();
	}

	@Test
	void messageToAnOfflineClientArrivesEncryptedWithNeutralTextOnly() throws Exception {
		String device = register("phone");
		optIn("{\"messages\":true}");

		therapistWrites("Zullen we donderdag je angst voor de examens bespreken?");

		PushReceiver.Received push = this.receiver.next();
		assertThat(push).isNotNull();
		assertThat(push.path()).isEqualTo("/phone");
		assertThat(push.header("Content-Encoding")).isEqualTo("aes128gcm");
		assertThat(push.header("TTL")).isEqualTo("43200");
		String key = WebPushDecryption.verifyVapid(push.header("Authorization"), "http://127.0.0.1:" + port());
		assertThat(key).isEqualTo(this.http.get("/api/push/vapid-public-key", "Authorization", bearer(this.clientToken))
			.json()
			.get("publicKey")
			.asString());
		String payload = this.receiver.decrypt(push);
		JsonNode notification = JSON.readTree(payload);
		assertThat(notification.get("title").asString()).isEqualTo("Cocon");
		assertThat(notification.get("body").asString()).isEqualTo("Je hebt een nieuw bericht");
		assertThat(notification.get("url").asString()).isEqualTo("/chat");
		assertThat(payload).doesNotContain("examens", "donderdag");
		assertThat(device).isNotBlank();
	}

	@Test
	void nothingIsSentForAKindTheUserDidNotOptInTo() throws Exception {
		register("phone");
		assertThat(preferences().get("messages").asBoolean()).isFalse();

		therapistWrites("Hoe gaat het?");
		optIn("{\"nudges\":true}");
		nudge("Goed bezig!");

		assertThat(tagOf(this.receiver.next())).isEqualTo("nudges");
	}

	@Test
	void quietHoursKeepItQuietAndTheNextMessageAfterwardsIsSent() throws Exception {
		register("phone");
		optIn("{\"messages\":true}");
		// 23:30 in Brussels: inside the default quiet hours (22:00 to 08:00)
		this.clock.set(Instant.parse("2026-11-23T22:30:00Z"));
		therapistWrites("Late vraag");
		this.clock.set(Instant.parse("2026-11-24T07:30:00Z"));
		therapistWrites("Goedemorgen");

		PushReceiver.Received push = this.receiver.next();
		assertThat(tagOf(push)).isEqualTo("messages");
		assertThat(this.receiver.next()).as("one notification only").isNull();
	}

	@Test
	void messagesAreCoalescedToOneNotificationPerFewMinutes() throws Exception {
		register("phone");
		optIn("{\"messages\":true,\"nudges\":true}");

		therapistWrites("Eén");
		therapistWrites("Twee");
		nudge("Drie");

		assertThat(tagOf(this.receiver.next())).isEqualTo("messages");
		assertThat(tagOf(this.receiver.next())).as("the second message made no notification").isEqualTo("nudges");
	}

	@Test
	void aClientWithTheAppOpenGetsNoNotification() throws Exception {
		register("phone");
		optIn("{\"messages\":true,\"nudges\":true}");
		StompTestClient app = StompTestClient.connect(this.port, this.clientToken).subscribeUserQueues();
		this.open.add(app);

		therapistWrites("Zie je dit live?");
		app.next("/user/queue/messages");
		app.close();
		await().until(() -> !app.isConnected());
		nudge("Nu ben je weg");

		assertThat(tagOf(this.receiver.next())).isEqualTo("nudges");
	}

	@Test
	void aSubscriptionThePushServiceNoLongerKnowsIsRemoved() throws Exception {
		register("gone");
		optIn("{\"messages\":true}");
		this.receiver.answer(410);

		therapistWrites("Hallo?");

		assertThat(this.receiver.next()).isNotNull();
		await().until(() -> preferences().get("devices").asInt() == 0);
	}

	@Test
	void subscriptionsAreCheckedAndLimitedPerUser() throws Exception {
		Response plainHttpElsewhere = this.http.putJson("/api/push/subscriptions",
				this.receiver.subscriptionJson("x").replace("127.0.0.1", "localhost"), "Authorization",
				bearer(this.clientToken));
		assertThat(plainHttpElsewhere.status()).isEqualTo(400);
		assertThat(plainHttpElsewhere.json().get("code").asString()).isEqualTo("push.invalid-subscription");

		Response shortKey = this.http.putJson("/api/push/subscriptions",
				"{\"endpoint\":\"" + this.receiver.endpoint("x")
						+ "\",\"keys\":{\"p256dh\":\"BAAA\",\"auth\":\"AAAA\"}}",
				"Authorization", bearer(this.clientToken));
		assertThat(shortKey.status()).isEqualTo(400);
		assertThat(shortKey.json().at("/errors/0/field").asString()).isEqualTo("keys.p256dh");

		for (int i = 0; i < 7; i++) {
			register("device-" + i);
		}
		String again = register("device-6");
		assertThat(preferences().get("devices").asInt()).isEqualTo(5);

		Response removed = this.http.delete("/api/push/subscriptions/" + again, "Authorization",
				bearer(this.clientToken));
		assertThat(removed.status()).isEqualTo(204);
		assertThat(preferences().get("devices").asInt()).isEqualTo(4);
	}

	private String register(String path) {
		Response registered = this.http.putJson("/api/push/subscriptions", this.receiver.subscriptionJson(path),
				"Authorization", bearer(this.clientToken));
		assertThat(registered.status()).as(registered.body()).isEqualTo(200);
		return registered.json().get("id").asString();
	}

	private void optIn(String change) {
		Response saved = this.http.putJson("/api/push/preferences", change, "Authorization", bearer(this.clientToken));
		assertThat(saved.status()).as(saved.body()).isEqualTo(200);
	}

	private JsonNode preferences() {
		return this.http.get("/api/push/preferences", "Authorization", bearer(this.clientToken)).json();
	}

	/** The therapist writes from their open app; returns once the message is stored. */
	private void therapistWrites(String text) throws Exception {
		StompTestClient therapist = StompTestClient.connect(this.port, this.therapistToken).subscribeUserQueues();
		this.open.add(therapist);
		therapist.sendMessage(this.conversation, UUID.randomUUID().toString(), text);
		therapist.next("/user/queue/acks");
	}

	private void nudge(String text) {
		Response created = this.http.postJson("/api/clients/" + this.client.value() + "/nudges",
				"{\"text\":\"" + text + "\"}", "Authorization", bearer(this.therapistToken));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
	}

	private String tagOf(PushReceiver.Received push) throws Exception {
		assertThat(push).as("a notification arrived").isNotNull();
		return JSON.readTree(this.receiver.decrypt(push)).get("tag").asString();
	}

	private int port() {
		return Integer.parseInt(this.receiver.endpoint("").replaceAll(".*:(\\d+)/$", "$1"));
	}

}
