package be.cocon.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.identity.UserId;
import be.cocon.support.StompTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "cocon.chat.sends-per-minute=3")
@Import(TestTokens.class)
class ChatRateLimitTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Test
	void sendsOverTheLimitAreRefusedWithTheirClientMessageId() throws Exception {
		UserId client = this.tokens.account(Role.CLIENT);
		UserId therapist = this.tokens.account(Role.THERAPIST);
		this.tokens.assign(client, therapist);
		String conversation = ConversationDocument.therapyId(client.value(), therapist.value());
		List<String> ids = new ArrayList<>();
		try (StompTestClient stomp = StompTestClient.connect(this.port, this.tokens.tokenFor(client, Role.CLIENT))
			.subscribeUserQueues()) {
			for (int i = 0; i < 5; i++) {
				String id = UUID.randomUUID().toString();
				ids.add(id);
				stomp.sendMessage(conversation, id, "snel " + i);
			}

			for (int i = 0; i < 3; i++) {
				assertThat(stomp.next("/user/queue/acks").get("clientMessageId").asString()).isEqualTo(ids.get(i));
			}
			for (int i = 3; i < 5; i++) {
				JsonNode error = stomp.next("/user/queue/errors");
				assertThat(error.get("code").asString()).isEqualTo("message.rate-limited");
				assertThat(error.get("clientMessageId").asString()).isEqualTo(ids.get(i));
			}
			assertThat(stomp.poll("/user/queue/acks", 300)).isNull();
		}
	}

}
