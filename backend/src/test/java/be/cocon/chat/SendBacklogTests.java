package be.cocon.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendBacklogTests {

	@Test
	void boundsTheInstanceAndEachSession() {
		SendBacklog backlog = new SendBacklog(5, 3);

		assertThat(backlog.enter("a", 3, false)).isTrue();
		assertThat(backlog.enter("a", 1, false)).as("over the session's bound").isFalse();
		assertThat(backlog.enter("b", 2, false)).isTrue();
		assertThat(backlog.enter("c", 1, false)).as("over the instance's bound").isFalse();
		assertThat(backlog.waiting()).isEqualTo(5);

		backlog.handled("a");
		assertThat(backlog.enter("c", 1, false)).isTrue();
		assertThat(backlog.enter("c", 1, true)).as("forced in").isTrue();
		assertThat(backlog.waiting()).isEqualTo(6);
	}

	@Test
	void aClosedSessionIsCountedOffOnceEvenWhenItsFramesAreHandledAfterwards() {
		SendBacklog backlog = new SendBacklog(10, 10);
		backlog.enter("a", 4, false);
		backlog.enter("b", 1, false);
		backlog.handled("a");

		backlog.closed("a");
		backlog.handled("a");
		backlog.handled("a");

		assertThat(backlog.waiting()).isEqualTo(1);
		backlog.handled("b");
		backlog.handled("b");
		assertThat(backlog.waiting()).isZero();
	}

	@Test
	void onlyChatMessageSendsAreCounted() {
		assertThat(SendBacklog.isMessageSend("/app/conversations/therapy-a-b/messages")).isTrue();
		assertThat(SendBacklog.isMessageSend("/app/conversations/therapy-a-b/typing")).isFalse();
		assertThat(SendBacklog.isMessageSend("/app/enrolments/x/answers")).isFalse();
		assertThat(SendBacklog.isMessageSend(null)).isFalse();
	}

}
