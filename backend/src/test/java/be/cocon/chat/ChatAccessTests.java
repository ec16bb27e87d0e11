package be.cocon.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import be.cocon.support.HttpTestClient.Response;
import be.cocon.support.StompTestClient;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every authorisation denial of the chat, with real STOMP clients against the running
 * server: an outsider can neither write, signal, mark read nor listen in, and cannot tell
 * a conversation they are not part of from one that does not exist.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "cocon.chat.sends-per-minute=100")
@Import(TestTokens.class)
class ChatAccessTests {

	private static final long QUIET_MILLIS = 500;

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	UserId client;

	UserId therapist;

	String clientToken;

	String outsiderToken;

	String conversation;

	final List<StompTestClient> open = new ArrayList<>();

	@BeforeEach
	void assignedPairAndAnOutsider() {
		this.client = this.tokens.account(Role.CLIENT);
		this.therapist = this.tokens.account(Role.THERAPIST);
		this.tokens.assign(this.client, this.therapist);
		this.clientToken = this.tokens.tokenFor(this.client, Role.CLIENT);
		this.outsiderToken = this.tokens.tokenFor(Role.CLIENT);
		this.conversation = ConversationDocument.therapyId(this.client.value(), this.therapist.value());
	}

	@AfterEach
	void closeAll() {
		this.open.forEach(StompTestClient::close);
	}

	@Test
	void outsiderCannotSendToTheConversation() throws Exception {
		StompTestClient outsider = connect(this.outsiderToken);
		String id = UUID.randomUUID().toString();

		outsider.sendMessage(this.conversation, id, "let me in");

		JsonNode error = outsider.next("/user/queue/errors");
		assertThat(error.get("code").asString()).isEqualTo("conversation.not-found");
		assertThat(error.get("clientMessageId").asString()).isEqualTo(id);
		assertThat(history(this.clientToken).get("lastSeq").asLong()).isZero();
	}

	@Test
	void outsiderCannotSignalTypingInTheConversation() throws Exception {
		StompTestClient kid = connect(this.clientToken);
		kid.subscribe(typingTopic());
		StompTestClient outsider = connect(this.outsiderToken);

		outsider.send("/app/conversations/" + this.conversation + "/typing", "{\"typing\":true}");

		assertThat(outsider.next("/user/queue/errors").get("code").asString()).isEqualTo("conversation.not-found");
		assertThat(kid.poll(typingTopic(), QUIET_MILLIS)).isNull();
	}

	@Test
	void outsiderCannotMoveAReadMarkerInTheConversation() throws Exception {
		StompTestClient kid = connect(this.clientToken);
		kid.sendMessage(this.conversation, UUID.randomUUID().toString(), "hallo");
		kid.next("/user/queue/acks");
		StompTestClient outsider = connect(this.outsiderToken);

		outsider.send("/app/conversations/" + this.conversation + "/read", "{\"seq\":1}");

		assertThat(outsider.next("/user/queue/errors").get("code").asString()).isEqualTo("conversation.not-found");
		assertThat(kid.poll("/user/queue/read", QUIET_MILLIS)).isNull();
	}

	@Test
	void outsiderCannotSubscribeToTheConversationsTypingTopic() throws Exception {
		StompTestClient outsider = connect(this.outsiderToken);

		outsider.subscribe(typingTopic());

		JsonNode error = outsider.next("/user/queue/errors");
		assertThat(error.get("code").asString()).isEqualTo("subscription.denied");
		assertThat(error.get("destination").asString()).isEqualTo(typingTopic());
	}

	@Test
	void nobodySubscribesToAnotherUsersQueue() throws Exception {
		StompTestClient outsider = connect(this.outsiderToken);
		String target = "/user/" + this.client.value() + "/queue/messages";

		outsider.subscribe(target);

		JsonNode error = outsider.next("/user/queue/errors");
		assertThat(error.get("code").asString()).isEqualTo("subscription.denied");
		assertThat(error.get("destination").asString()).isEqualTo(target);
		assertNothingLeaksTo(outsider, target);
	}

	@Test
	void nobodySubscribesToTheBrokerTopicBehindAnotherUsersQueue() throws Exception {
		connect(this.clientToken);
		StompTestClient outsider = connect(this.outsiderToken);
		String target = UserTopics.of(this.client.value(), "/queue/messages");

		outsider.subscribe(target);

		assertThat(outsider.next("/user/queue/errors").get("code").asString()).isEqualTo("subscription.denied");
		assertNothingLeaksTo(outsider, target);
	}

	@Test
	void aForeignConversationIsAnsweredLikeAMissingOneOverStomp() throws Exception {
		StompTestClient outsider = connect(this.outsiderToken);
		String missing = ConversationDocument.therapyId(this.client.value(),
				this.tokens.account(Role.THERAPIST).value());

		outsider.sendMessage(this.conversation, UUID.randomUUID().toString(), "is this a pair?");
		JsonNode foreign = outsider.next("/user/queue/errors");
		outsider.sendMessage(missing, UUID.randomUUID().toString(), "is this a pair?");
		JsonNode absent = outsider.next("/user/queue/errors");

		assertThat(foreign.get("code").asString()).isEqualTo(absent.get("code").asString())
			.isEqualTo("conversation.not-found");
		assertThat(foreign.get("detail").asString().replace(this.conversation, "ID"))
			.isEqualTo(absent.get("detail").asString().replace(missing, "ID"));
	}

	@Test
	void aForeignConversationIsAnsweredLikeAMissingOneOverRest() {
		HttpTestClient http = new HttpTestClient(this.port);
		String missing = ConversationDocument.therapyId(this.client.value(),
				this.tokens.account(Role.THERAPIST).value());

		Response foreign = http.get("/api/conversations/" + this.conversation + "/messages", "Authorization",
				bearer(this.outsiderToken));
		Response absent = http.get("/api/conversations/" + missing + "/messages", "Authorization",
				bearer(this.outsiderToken));

		assertThat(foreign.status()).isEqualTo(absent.status()).isEqualTo(404);
		assertThat(foreign.json().get("code").asString()).isEqualTo(absent.json().get("code").asString())
			.isEqualTo("conversation.not-found");
		assertThat(foreign.json().get("detail").asString().replace(this.conversation, "ID"))
			.isEqualTo(absent.json().get("detail").asString().replace(missing, "ID"));
	}

	/** A message to the client, sent now, must not reach the outsider's subscription. */
	private void assertNothingLeaksTo(StompTestClient outsider, String destination) throws Exception {
		StompTestClient doc = connect(this.tokens.tokenFor(this.therapist, Role.THERAPIST));
		doc.sendMessage(this.conversation, UUID.randomUUID().toString(), "alleen voor de cliënt");
		doc.next("/user/queue/acks");
		assertThat(outsider.poll(destination, QUIET_MILLIS)).isNull();
		assertThat(outsider.poll("/user/queue/messages", 0)).isNull();
	}

	private String typingTopic() {
		return "/topic/typing." + this.conversation;
	}

	private JsonNode history(String token) {
		return new HttpTestClient(this.port)
			.get("/api/conversations/" + this.conversation + "/messages", "Authorization", bearer(token))
			.json();
	}

	private StompTestClient connect(String token) throws Exception {
		StompTestClient stomp = StompTestClient.connect(this.port, token).subscribeUserQueues();
		this.open.add(stomp);
		return stomp;
	}

}
