package be.cocon.notification;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import be.cocon.chat.GuideMessages;
import be.cocon.chat.MessageKind;
import be.cocon.chat.MessagePosted;

import static org.assertj.core.api.Assertions.assertThat;

/** Which stored messages become which kind of notification. */
class PushTypeOfMessageTests {

	private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

	@Test
	void personsTextAndFeedbackAreMessages() {
		assertThat(PushDispatcher.typeOf(posted("therapist-1", MessageKind.TEXT, null))).isEqualTo(PushType.MESSAGES);
		assertThat(PushDispatcher.typeOf(posted("therapist-1", MessageKind.FEEDBACK, null)))
			.isEqualTo(PushType.MESSAGES);
	}

	@Test
	void nudgesAndTheCheckinReminderHaveTheirOwnKind() {
		assertThat(PushDispatcher.typeOf(posted("therapist-1", MessageKind.NUDGE, null))).isEqualTo(PushType.NUDGES);
		assertThat(PushDispatcher
			.typeOf(posted(GuideMessages.GUIDE, MessageKind.NOTICE, Map.of("notice", "checkin-reminder"))))
			.isEqualTo(PushType.CHECKIN_REMINDERS);
	}

	@Test
	void theGuidesStepsAndOtherNoticesNotifyNobody() {
		assertThat(PushDispatcher.typeOf(posted(GuideMessages.GUIDE, MessageKind.STEP, null))).isNull();
		assertThat(PushDispatcher.typeOf(posted(GuideMessages.GUIDE, MessageKind.TEXT, null))).isNull();
		assertThat(PushDispatcher.typeOf(posted("client-1", MessageKind.ANSWER, null))).isNull();
		assertThat(PushDispatcher.typeOf(posted(GuideMessages.GUIDE, MessageKind.NOTICE, Map.of("notice", "paused"))))
			.isNull();
	}

	private static MessagePosted posted(String sender, MessageKind kind, Map<String, Object> data) {
		return new MessagePosted("c-1", 1, sender, kind, "text", AT, data);
	}

}
