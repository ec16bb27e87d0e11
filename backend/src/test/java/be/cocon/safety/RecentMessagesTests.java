package be.cocon.safety;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import be.cocon.chat.MessageKind;
import be.cocon.chat.MessagePosted;
import be.cocon.safety.RiskDetector.Turn;

import static org.assertj.core.api.Assertions.assertThat;

/** The detector's view of a conversation's recent past is short, recent and bounded. */
class RecentMessagesTests {

	static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	final RecentMessages recent = new RecentMessages(new SafetySettings(Duration.ofMinutes(5), Duration.ofMinutes(5),
			Duration.ofSeconds(20), Duration.ofMinutes(10), 20, 100, ZoneId.of("Europe/Brussels"),
			new SafetySettings.Context(4, Duration.ofMinutes(30), 2, 10)));

	@Test
	void aMessageIsReadWithTheLastFewOfBothSidesOldestFirst() {
		for (int seq = 1; seq <= 5; seq++) {
			this.recent.next(posted("c", seq, (seq % 2 == 0) ? "therapist" : "client", "m" + seq, NOW));
		}

		assertThat(this.recent.next(posted("c", 6, "client", "now", NOW))).containsExactly(new Turn("m2", false),
				new Turn("m3", true), new Turn("m4", false), new Turn("m5", true));
	}

	@Test
	void messagesOlderThanTheWindowAreForgotten() {
		this.recent.next(posted("c", 1, "client", "long ago", NOW));
		this.recent.next(posted("c", 2, "client", "recent", NOW.plus(Duration.ofMinutes(10))));

		assertThat(this.recent.next(posted("c", 3, "client", "now", NOW.plus(Duration.ofMinutes(31)))))
			.containsExactly(new Turn("recent", true));
	}

	@Test
	void onlyTheEndOfALongMessageIsKeptAndNeverHalfACharacter() {
		this.recent.next(posted("c", 1, "client", "0123456789abcdef", NOW));
		this.recent.next(posted("c", 2, "client", "😂123456789", NOW));

		assertThat(this.recent.next(posted("c", 3, "client", "now", NOW))).containsExactly(new Turn("6789abcdef", true),
				new Turn("123456789", true));
	}

	@Test
	void aMessageThatArrivesLateSeesOnlyWhatCameBeforeIt() {
		this.recent.next(posted("c", 2, "client", "second", NOW));

		assertThat(this.recent.next(posted("c", 1, "client", "first", NOW))).isEmpty();
		assertThat(this.recent.next(posted("c", 3, "client", "third", NOW))).containsExactly(new Turn("first", true),
				new Turn("second", true));
	}

	@Test
	void conversationsAreKeptApart() {
		this.recent.next(posted("a", 1, "client", "in a", NOW));

		assertThat(this.recent.next(posted("b", 1, "client", "in b", NOW))).isEmpty();
	}

	private static MessagePosted posted(String conversation, long seq, String sender, String body, Instant at) {
		return new MessagePosted(conversation, seq, sender, MessageKind.TEXT, body, at);
	}

}
