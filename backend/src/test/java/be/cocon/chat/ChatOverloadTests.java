package be.cocon.chat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import be.cocon.identity.Role;
import be.cocon.identity.UserId;
import be.cocon.support.StompTestClient;
import be.cocon.identity.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Overload: a sender who has more messages waiting than the bounds allow gets
 * {@code server.busy} at once for the excess, with each message's client message id, and
 * a resend of those is stored once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cocon.chat.sends-per-minute=1000", "cocon.chat.max-pending-sends-per-sender=2" })
@Import(TestTokens.class)
class ChatOverloadTests {

	private static final int MESSAGES = 40;

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	ChatService chat;

	@Test
	void theExcessOfABurstIsRefusedAsBusyAndGoesInWhenSentAgain() throws Exception {
		UserId client = this.tokens.account(Role.CLIENT);
		UserId therapist = this.tokens.account(Role.THERAPIST);
		this.tokens.assign(client, therapist);
		String conversation = ConversationDocument.therapyId(client.value(), therapist.value());
		List<String> ids = new ArrayList<>();
		try (StompTestClient stomp = StompTestClient.connect(this.port, this.tokens.tokenFor(client, Role.CLIENT))
			.subscribeUserQueues()) {
			for (int i = 0; i < MESSAGES; i++) {
				String id = UUID.randomUUID().toString();
				ids.add(id);
				stomp.sendMessage(conversation, id, "druk " + i);
			}
			Set<String> acked = new HashSet<>();
			List<String> busy = new ArrayList<>();
			while (acked.size() + busy.size() < MESSAGES) {
				JsonNode ack = stomp.poll("/user/queue/acks", 50);
				if (ack != null) {
					acked.add(ack.get("clientMessageId").asString());
				}
				JsonNode error = stomp.poll("/user/queue/errors", 50);
				if (error != null) {
					assertThat(error.get("code").asString()).isEqualTo("server.busy");
					busy.add(error.get("clientMessageId").asString());
				}
				if (ack == null && error == null) {
					JsonNode late = stomp.poll("/user/queue/acks", 10_000);
					assertThat(late).as("an answer to every message").isNotNull();
					acked.add(late.get("clientMessageId").asString());
				}
			}
			assertThat(busy).isNotEmpty().doesNotHaveDuplicates().allSatisfy((id) -> assertThat(ids).contains(id));
			assertThat(acked).doesNotContainAnyElementsOf(busy);

			for (String id : busy) {
				stomp.sendMessage(conversation, id, "druk " + ids.indexOf(id));
				assertThat(stomp.next("/user/queue/acks").get("clientMessageId").asString()).isEqualTo(id);
			}
		}
		ChatViews.MessagePage page = this.chat.page(client.value(), conversation, null, 0L, 100);
		assertThat(page.lastSeq()).isEqualTo(MESSAGES);
		assertThat(page.messages()).extracting(ChatViews.MessageView::clientMessageId)
			.containsExactlyInAnyOrderElementsOf(ids);
	}

}
