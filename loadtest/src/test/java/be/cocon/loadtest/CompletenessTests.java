package be.cocon.loadtest;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import be.cocon.loadtest.Completeness.Result;
import be.cocon.loadtest.Completeness.Stored;

import static org.assertj.core.api.Assertions.assertThat;

class CompletenessTests {

	private static final String CHAT = "therapy-c-t";

	private static final int CLIENT = 0;

	private static final int THERAPIST = 1;

	private final Completeness check = new Completeness();

	@BeforeEach
	void conversation() {
		this.check.conversation(CHAT, CLIENT, THERAPIST);
	}

	@Test
	void everyCopyOnceInOrderAndStoredIsComplete() {
		sendAndAck("m1", CLIENT, 1);
		sendAndAck("m2", THERAPIST, 2);
		deliverToBoth("m1", 1);
		deliverToBoth("m2", 2);

		Result result = this.check.result(Map.of(CHAT, List.of(new Stored(1, "m1"), new Stored(2, "m2"))));

		assertThat(result.complete()).isTrue();
		assertThat(result.acked()).isEqualTo(2);
		assertThat(result.expectedDeliveries()).isEqualTo(4);
		assertThat(result.delivered()).isEqualTo(4);
		assertThat(result.store().checked()).isEqualTo(2);
		assertThat(this.check.outstanding()).isZero();
		assertThat(this.check.undelivered()).isZero();
	}

	@Test
	void aMessageTheServerNeverAnsweredFailsButOneStillRefusedAsBusyDoesNot() {
		sendAndAck("m1", CLIENT, 1);
		deliverToBoth("m1", 1);
		this.check.sent("busy", CHAT, CLIENT);
		this.check.retrying("busy", true);
		this.check.sent("silent", CHAT, THERAPIST);

		Result result = this.check.result(null);
		assertThat(result.retrying()).isEqualTo(1);
		assertThat(result.unacknowledged()).isEqualTo(1);
		assertThat(result.complete()).isFalse();

		// sent again and not answered yet: no longer merely waiting at the client
		this.check.retrying("busy", false);
		assertThat(this.check.result(null).unacknowledged()).isEqualTo(2);

		this.check.retrying("busy", true);
		this.check.acked("silent", 2);
		deliverToBoth("silent", 2);
		Result settled = this.check.result(null);
		assertThat(settled.unacknowledged()).isZero();
		assertThat(settled.retrying()).isEqualTo(1);
		assertThat(settled.complete()).isTrue();
	}

	@Test
	void aCopyThatNeverCameIsLost() {
		sendAndAck("m1", CLIENT, 1);
		this.check.delivered(CLIENT, CHAT, 1, "m1");

		Result result = this.check.result(null);

		assertThat(result.lost()).isEqualTo(1);
		assertThat(result.complete()).isFalse();
		assertThat(this.check.undelivered()).isEqualTo(1);
	}

	@Test
	void aSecondCopyToTheSameSessionIsADuplicate() {
		sendAndAck("m1", CLIENT, 1);
		deliverToBoth("m1", 1);
		this.check.delivered(THERAPIST, CHAT, 1, "m1");

		Result result = this.check.result(null);

		assertThat(result.duplicates()).isEqualTo(1);
		assertThat(result.lost()).isZero();
		assertThat(result.complete()).isFalse();
	}

	@Test
	void oneSendersMessagesOutOfOrderBreakTheOrderPromise() {
		sendAndAck("m1", CLIENT, 1);
		sendAndAck("m2", CLIENT, 2);
		this.check.delivered(THERAPIST, CHAT, 2, "m2");
		this.check.delivered(THERAPIST, CHAT, 1, "m1");
		deliverToClient("m1", 1);
		deliverToClient("m2", 2);

		Result result = this.check.result(null);

		assertThat(result.inversions()).isEqualTo(1);
		assertThat(result.senderOrderViolations()).isEqualTo(1);
		assertThat(result.lost()).isZero();
		assertThat(result.complete()).isFalse();
	}

	@Test
	void twoSendersMayCrossWithoutBreakingAnything() {
		sendAndAck("m1", CLIENT, 1);
		sendAndAck("m2", THERAPIST, 2);
		this.check.delivered(CLIENT, CHAT, 2, "m2");
		this.check.delivered(CLIENT, CHAT, 1, "m1");
		deliverTo(THERAPIST, "m1", 1);
		deliverTo(THERAPIST, "m2", 2);

		Result result = this.check.result(null);

		assertThat(result.inversions()).isEqualTo(1);
		assertThat(result.senderOrderViolations()).isZero();
		assertThat(result.complete()).isTrue();
	}

	@Test
	void aMessageNeitherAckedNorRefusedIsUnacknowledged() {
		this.check.sent("m1", CHAT, CLIENT);
		this.check.sent("m2", CHAT, CLIENT);
		this.check.refused("m2");

		Result result = this.check.result(null);

		assertThat(result.unacknowledged()).isEqualTo(1);
		assertThat(result.refused()).isEqualTo(1);
		assertThat(this.check.outstanding()).isEqualTo(1);
		assertThat(result.complete()).isFalse();
	}

	@Test
	void aCopyWithAnotherSeqThanTheAckIsAMismatch() {
		sendAndAck("m1", CLIENT, 1);
		deliverToBoth("m1", 3);

		Result result = this.check.result(null);

		assertThat(result.seqMismatches()).isEqualTo(1);
		assertThat(result.complete()).isFalse();
	}

	@Test
	void copiesOfMessagesThisRunDidNotSendAreCountedApart() {
		this.check.delivered(CLIENT, CHAT, 7, "from-an-earlier-run");

		Result result = this.check.result(null);

		assertThat(result.unknown()).isEqualTo(1);
		assertThat(result.lost()).isZero();
		assertThat(result.complete()).isTrue();
	}

	@Test
	void theStoreMustHoldEveryAckedMessageUnderItsSeq() {
		sendAndAck("m1", CLIENT, 1);
		sendAndAck("m2", CLIENT, 2);
		sendAndAck("m3", CLIENT, 3);
		deliverToBoth("m1", 1);
		deliverToBoth("m2", 2);
		deliverToBoth("m3", 3);

		Result result = this.check.result(Map.of(CHAT, List.of(new Stored(1, "m1"), new Stored(3, "m2"))));

		assertThat(result.store().missing()).isEqualTo(1);
		assertThat(result.store().wrongSeq()).isEqualTo(1);
		assertThat(result.complete()).isFalse();
	}

	@Test
	void whatArrivesAfterTheFreezeIsOnlyCountedAsLate() {
		this.check.sent("m1", CHAT, CLIENT);
		this.check.freeze();
		this.check.acked("m1", 1);
		deliverToBoth("m1", 1);

		Result result = this.check.result(Map.of(CHAT, List.of(new Stored(1, "m1"))));

		assertThat(result.acked()).isZero();
		assertThat(result.unacknowledged()).isEqualTo(1);
		assertThat(result.delivered()).isZero();
		assertThat(result.late()).isEqualTo(3);
		assertThat(result.store().checked()).isZero();
	}

	@Test
	void readBackStartsAtTheLowestAckedSeqPerConversation() {
		this.check.conversation("other", 2, 3);
		sendAndAck("m1", CLIENT, 41);
		sendAndAck("m2", CLIENT, 40);
		this.check.sent("o1", "other", 2);
		this.check.acked("o1", 9);
		this.check.sent("unacked", CHAT, CLIENT);

		assertThat(this.check.lowestAckedSeqs()).containsExactlyInAnyOrderEntriesOf(Map.of(CHAT, 40L, "other", 9L));
	}

	private void sendAndAck(String clientMessageId, int sender, long seq) {
		this.check.sent(clientMessageId, CHAT, sender);
		this.check.acked(clientMessageId, seq);
	}

	private void deliverToBoth(String clientMessageId, long seq) {
		deliverTo(CLIENT, clientMessageId, seq);
		deliverTo(THERAPIST, clientMessageId, seq);
	}

	private void deliverToClient(String clientMessageId, long seq) {
		deliverTo(CLIENT, clientMessageId, seq);
	}

	private void deliverTo(int receiver, String clientMessageId, long seq) {
		this.check.delivered(receiver, CHAT, seq, clientMessageId);
	}

}
