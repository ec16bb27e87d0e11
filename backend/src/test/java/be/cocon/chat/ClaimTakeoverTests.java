package be.cocon.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import be.cocon.chat.ChatViews.Ack;
import be.cocon.chat.ChatViews.MessagePage;
import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.identity.UserId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sender that died while holding a claim: the resend that takes the claim over (after
 * 30 s) stores the message under the number the dead sender reserved, so the message is
 * never stored twice, whether the dead sender got as far as inserting it or not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "cocon.chat.sends-per-minute=100")
@Import(TestTokens.class)
class ClaimTakeoverTests {

	@Autowired
	TestTokens tokens;

	@Autowired
	ChatService chat;

	@Autowired
	Messages messages;

	@Autowired
	Conversations conversations;

	@Autowired
	Clock clock;

	String client;

	String conversation;

	String clientMessageId;

	Instant longAgo;

	@BeforeEach
	void assignedPair() {
		UserId client = this.tokens.account(Role.CLIENT);
		UserId therapist = this.tokens.account(Role.THERAPIST);
		this.tokens.assign(client, therapist);
		this.client = client.value();
		this.conversation = ConversationDocument.therapyId(client.value(), therapist.value());
		this.clientMessageId = UUID.randomUUID().toString();
		this.longAgo = this.clock.instant().minus(Duration.ofMinutes(5));
	}

	@Test
	void senderDiedAfterInsertingTheMessage() {
		long reserved = diedHoldingAClaim();
		this.messages
			.insertIfAbsent(new MessageDocument(MessageDocument.idOf(this.conversation, reserved), this.conversation,
					reserved, this.client, this.clientMessageId, MessageKind.TEXT, "na de crash", null, this.longAgo));

		Ack ack = this.chat.send(this.client, this.conversation, this.clientMessageId, "na de crash").join();

		assertThat(ack.seq()).isEqualTo(reserved);
		assertStoredOnceAs(reserved);
		assertThat(
				this.chat.send(this.client, this.conversation, this.clientMessageId, "na de crash").join().duplicate())
			.isTrue();
	}

	@Test
	void senderDiedBeforeInsertingTheMessage() {
		long reserved = diedHoldingAClaim();

		Ack ack = this.chat.send(this.client, this.conversation, this.clientMessageId, "na de crash").join();

		assertThat(ack.seq()).isEqualTo(reserved);
		assertStoredOnceAs(reserved);
	}

	@Test
	void claimLeftWithoutANumberByAnEarlierVersion() {
		this.messages.claim(this.client + ":" + this.clientMessageId, this.conversation, null, this.longAgo);

		Ack ack = this.chat.send(this.client, this.conversation, this.clientMessageId, "na de crash").join();

		assertThat(ack.seq()).isEqualTo(1);
		assertStoredOnceAs(1);
		assertThat(this.chat.send(this.client, this.conversation, this.clientMessageId, "na de crash").join())
			.satisfies((again) -> {
				assertThat(again.duplicate()).isTrue();
				assertThat(again.seq()).isEqualTo(1);
			});
	}

	@Test
	void aResendBeforeTheFirstIsAcknowledgedIsTheSameMessage() {
		CompletableFuture<Ack> pending = this.chat.send(this.client, this.conversation, this.clientMessageId,
				"twee keer");
		Ack again = this.chat.send(this.client, this.conversation, this.clientMessageId, "twee keer").join();
		Ack first = pending.join();

		assertThat(again.duplicate()).isTrue();
		assertThat(again.seq()).isEqualTo(first.seq());
		assertThat(again.id()).isEqualTo(first.id());
	}

	/**
	 * Numbered and claimed five minutes ago, then nothing. @return the reserved number
	 */
	private long diedHoldingAClaim() {
		String dedupId = this.client + ":" + this.clientMessageId;
		long seq = this.conversations.nextSeq(this.conversation);
		assertThat(this.messages.claim(dedupId, this.conversation, seq, this.longAgo)).isTrue();
		return seq;
	}

	private void assertStoredOnceAs(long seq) {
		MessagePage page = this.chat.page(this.client, this.conversation, null, 0L, 100);
		assertThat(page.lastSeq()).isEqualTo(seq);
		assertThat(page.messages()).singleElement().satisfies((message) -> {
			assertThat(message.seq()).isEqualTo(seq);
			assertThat(message.clientMessageId()).isEqualTo(this.clientMessageId);
			assertThat(message.body()).isEqualTo("na de crash");
		});
	}

}
