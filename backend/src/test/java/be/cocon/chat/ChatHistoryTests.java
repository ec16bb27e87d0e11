package be.cocon.chat;

import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.util.Map;

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

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/** Pages of history over REST: bounded, and the before/after cursors. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "cocon.chat.sends-per-minute=100")
@Import(TestTokens.class)
class ChatHistoryTests {

	private static final int MESSAGES = 120;

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	ChatService chat;

	@Autowired
	ChatSettings settings;

	@Autowired
	Conversations conversations;

	String clientToken;

	String conversation;

	@BeforeEach
	void conversationWithMoreMessagesThanAPage() {
		UserId client = this.tokens.account(Role.CLIENT);
		UserId therapist = this.tokens.account(Role.THERAPIST);
		this.tokens.assign(client, therapist);
		this.clientToken = this.tokens.tokenFor(client, Role.CLIENT);
		this.conversation = ConversationDocument.therapyId(client.value(), therapist.value());
		for (int i = 1; i <= MESSAGES; i++) {
			this.chat.post(this.conversation, therapist.value(), "history-" + i, MessageKind.TEXT, "message " + i,
					Map.of());
		}
	}

	@Test
	void thePreviewAndTheReadMarkerNeverGoBack() {
		String writer = "writer-" + this.conversation;
		Instant at = Instant.parse("2026-12-07T10:00:00Z");
		this.conversations.noteStored(this.conversation, new ConversationDocument.Preview(500, writer, "later", at));
		this.conversations.noteStored(this.conversation, new ConversationDocument.Preview(499, writer, "earlier", at));

		ConversationDocument stored = this.conversations.findById(this.conversation).orElseThrow();
		assertThat(stored.lastMessage().seq()).isEqualTo(500);
		assertThat(stored.lastMessage().text()).isEqualTo("later");
		assertThat(stored.readMarkerOf(writer)).isEqualTo(500);

		assertThat(this.conversations.raiseReadMarker(this.conversation, writer, 400)).isFalse();
		assertThat(this.conversations.raiseReadMarker(this.conversation, writer, 501)).isTrue();
		assertThat(this.conversations.findById(this.conversation).orElseThrow().readMarkerOf(writer)).isEqualTo(501);
	}

	@Test
	void limitIsCappedAtTheLargestPage() {
		JsonNode page = page("?limit=1000");

		assertThat(this.settings.maxPageSize()).isEqualTo(100);
		assertThat(seqs(page)).hasSize(100).startsWith(21L).endsWith(120L);
		assertThat(page.get("lastSeq").asLong()).isEqualTo(MESSAGES);
		assertThat(page.get("hasOlder").asBoolean()).isTrue();
	}

	@Test
	void withoutCursorsTheNewestMessagesComeInOrder() {
		assertThat(seqs(page("?limit=3"))).containsExactly(118L, 119L, 120L);
	}

	@Test
	void beforeGivesTheMessagesJustOlderThanTheCursor() {
		JsonNode page = page("?before=51&limit=10");

		assertThat(seqs(page)).containsExactly(41L, 42L, 43L, 44L, 45L, 46L, 47L, 48L, 49L, 50L);
		assertThat(page.get("messages").get(0).get("body").asString()).isEqualTo("message 41");
		assertThat(page.get("hasOlder").asBoolean()).isTrue();
		JsonNode first = page("?before=3&limit=10");
		assertThat(seqs(first)).containsExactly(1L, 2L);
		assertThat(first.get("hasOlder").asBoolean()).isFalse();
	}

	@Test
	void afterGivesTheMessagesJustNewerThanTheCursor() {
		assertThat(seqs(page("?after=0&limit=3"))).containsExactly(1L, 2L, 3L);
		assertThat(seqs(page("?after=100&limit=50"))).hasSize(20).startsWith(101L).endsWith(120L).isSorted();
		assertThat(seqs(page("?after=120"))).isEmpty();
		assertThat(seqs(page("?after=10&limit=1000"))).hasSize(100).startsWith(11L).endsWith(110L);
	}

	@Test
	void badCursorsAreRefused() {
		HttpTestClient http = new HttpTestClient(this.port);
		for (String query : List.of("?before=0", "?after=-1", "?limit=0")) {
			assertThat(http
				.get("/api/conversations/" + this.conversation + "/messages" + query, "Authorization",
						bearer(this.clientToken))
				.status()).as(query).isEqualTo(400);
		}
	}

	private JsonNode page(String query) {
		return new HttpTestClient(this.port)
			.get("/api/conversations/" + this.conversation + "/messages" + query, "Authorization",
					bearer(this.clientToken))
			.json();
	}

	private static List<Long> seqs(JsonNode page) {
		List<Long> seqs = new ArrayList<>();
		page.get("messages").forEach((message) -> seqs.add(message.get("seq").asLong()));
		return seqs;
	}

}
