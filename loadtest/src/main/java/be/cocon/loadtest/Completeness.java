package be.cocon.loadtest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Checks what the chat promises under load: every acknowledged message reaches every
 * participant session exactly once, with the number it was acknowledged with, and is in
 * the store under that number; one sender's messages arrive in the order of their
 * numbers. Losses, duplicates and order inversions are counted apart, so a report says
 * which promise broke. Two people writing at once may see each other's live messages out
 * of number order (each send is numbered and published on its own thread; the client
 * sorts by number), so inversions across senders are counted but break nothing. Safe to
 * feed from many threads; a receiver's deliveries must be fed in the order they arrived.
 */
final class Completeness {

	private final Map<String, int[]> receiversByConversation = new ConcurrentHashMap<>();

	private final Map<String, Tracked> messages = new ConcurrentHashMap<>();

	/** Highest seq seen per receiver and conversation, for inversions. */
	private final Map<String, long[]> highestSeen = new ConcurrentHashMap<>();

	/** Likewise per receiver, conversation and sender. */
	private final Map<String, long[]> highestFromSender = new ConcurrentHashMap<>();

	private final AtomicLong delivered = new AtomicLong();

	private final AtomicLong unknown = new AtomicLong();

	private final AtomicLong duplicates = new AtomicLong();

	private final AtomicLong inversions = new AtomicLong();

	private final AtomicLong senderOrderViolations = new AtomicLong();

	private final AtomicLong seqMismatches = new AtomicLong();

	private final AtomicLong late = new AtomicLong();

	private volatile boolean frozen;

	/** The sessions that must receive every message of a conversation. */
	void conversation(String conversationId, int... receivers) {
		this.receiversByConversation.put(conversationId, receivers.clone());
	}

	/**
	 * A session sent a message for the first time (resends do not count again).
	 */
	void sent(String clientMessageId, String conversationId, int sender) {
		int[] receivers = this.receiversByConversation.get(conversationId);
		if (receivers == null) {
			throw new IllegalArgumentException("Unknown conversation " + conversationId);
		}
		this.messages.put(clientMessageId, new Tracked(conversationId, sender, receivers));
	}

	/**
	 * The server acknowledged the message with this seq (a repeated ack changes nothing).
	 */
	void acked(String clientMessageId, long seq) {
		if (this.frozen) {
			this.late.incrementAndGet();
			return;
		}
		Tracked message = this.messages.get(clientMessageId);
		if (message != null && message.ackedSeq < 0) {
			message.ackedSeq = seq;
		}
	}

	/** The server refused the message for good (not a retryable refusal). */
	void refused(String clientMessageId) {
		if (this.frozen) {
			this.late.incrementAndGet();
			return;
		}
		Tracked message = this.messages.get(clientMessageId);
		if (message != null) {
			message.refused = true;
		}
	}

	/**
	 * The server's latest answer to the message was a retryable refusal (such as
	 * {@code server.busy}), so it waits at the client to be sent again; or, with
	 * {@code false}, it was just sent again.
	 */
	void retrying(String clientMessageId, boolean waiting) {
		if (this.frozen) {
			return;
		}
		Tracked message = this.messages.get(clientMessageId);
		if (message != null) {
			message.retrying = waiting;
		}
	}

	/**
	 * A session received a message. Must be called in the order the session received
	 * them.
	 */
	void delivered(int receiver, String conversationId, long seq, String clientMessageId) {
		if (this.frozen) {
			this.late.incrementAndGet();
			return;
		}
		this.delivered.incrementAndGet();
		String stream = receiver + "/" + conversationId;
		if (!rising(this.highestSeen, stream, seq)) {
			this.inversions.incrementAndGet();
		}
		Tracked message = this.messages.get(clientMessageId);
		if (message == null || !message.conversationId.equals(conversationId)) {
			this.unknown.incrementAndGet();
			return;
		}
		if (!rising(this.highestFromSender, stream + "/" + message.sender, seq)) {
			this.senderOrderViolations.incrementAndGet();
		}
		long before = message.deliveredSeq;
		if (before >= 0 && before != seq) {
			this.seqMismatches.incrementAndGet();
		}
		message.deliveredSeq = seq;
		int slot = message.slotOf(receiver);
		if (slot < 0) {
			this.unknown.incrementAndGet();
			return;
		}
		if (message.copies.incrementAndGet(slot) > 1) {
			this.duplicates.incrementAndGet();
		}
	}

	/** Records seq as the stream's latest; false when a higher one came before it. */
	private static boolean rising(Map<String, long[]> highestByStream, String stream, long seq) {
		long[] highest = highestByStream.computeIfAbsent(stream, (key) -> new long[] { -1 });
		synchronized (highest) {
			boolean rising = seq >= highest[0];
			highest[0] = Math.max(highest[0], seq);
			return rising;
		}
	}

	/**
	 * Ends the run's record: acks, refusals and copies that arrive later are only counted
	 * as late. A server still working through a backlog acknowledges messages while the
	 * store is read back; freezing first means every message the verdict counts as
	 * acknowledged was stored before the read.
	 */
	void freeze() {
		this.frozen = true;
	}

	boolean isFrozen() {
		return this.frozen;
	}

	/** Messages sent but neither acknowledged nor refused yet. */
	long outstanding() {
		return this.messages.values().stream().filter((m) -> m.ackedSeq < 0 && !m.refused).count();
	}

	/**
	 * Copies of acknowledged messages that some participant session has not received yet.
	 */
	long undelivered() {
		long missing = 0;
		for (Tracked message : this.messages.values()) {
			if (message.ackedSeq >= 0) {
				for (int slot = 0; slot < message.receivers.length; slot++) {
					if (message.copies.get(slot) == 0) {
						missing++;
					}
				}
			}
		}
		return missing;
	}

	/**
	 * Conversations with acknowledged messages, each with the lowest seq acknowledged in
	 * it: where a read-back of the store starts.
	 */
	Map<String, Long> lowestAckedSeqs() {
		Map<String, Long> lowest = new ConcurrentHashMap<>();
		for (Tracked message : this.messages.values()) {
			if (message.ackedSeq >= 0) {
				lowest.merge(message.conversationId, message.ackedSeq, Math::min);
			}
		}
		return lowest;
	}

	/**
	 * The verdict.
	 * @param stored per conversation, what the store holds from the lowest acknowledged
	 * seq on; null when the store was not read (the baseline has none)
	 */
	Result result(@Nullable Map<String, List<Stored>> stored) {
		long sent = this.messages.size();
		long acked = 0;
		long refused = 0;
		long retrying = 0;
		long expected = 0;
		long lost = 0;
		long ackedSeqMismatches = 0;
		long deliveredUnacked = 0;
		for (Tracked message : this.messages.values()) {
			if (message.refused && message.ackedSeq < 0) {
				refused++;
			}
			if (message.ackedSeq < 0 && !message.refused && message.retrying) {
				retrying++;
			}
			if (message.ackedSeq < 0) {
				if (message.anyCopy()) {
					deliveredUnacked++;
				}
				continue;
			}
			acked++;
			expected += message.receivers.length;
			for (int slot = 0; slot < message.receivers.length; slot++) {
				if (message.copies.get(slot) == 0) {
					lost++;
				}
			}
			if (message.deliveredSeq >= 0 && message.deliveredSeq != message.ackedSeq) {
				ackedSeqMismatches++;
			}
		}
		StoreCheck store = (stored != null) ? checkStore(stored) : null;
		return new Result(sent, acked, sent - acked - refused - retrying, refused, retrying, expected,
				this.delivered.get(), lost, this.duplicates.get(), this.inversions.get(),
				this.senderOrderViolations.get(), this.unknown.get(), this.seqMismatches.get() + ackedSeqMismatches,
				deliveredUnacked, this.late.get(), store);
	}

	private StoreCheck checkStore(Map<String, List<Stored>> stored) {
		Map<String, Long> storedSeqs = new ConcurrentHashMap<>();
		for (List<Stored> page : stored.values()) {
			for (Stored message : page) {
				if (message.clientMessageId() != null) {
					storedSeqs.put(message.clientMessageId(), message.seq());
				}
			}
		}
		long missing = 0;
		long wrongSeq = 0;
		long checked = 0;
		for (Map.Entry<String, Tracked> entry : this.messages.entrySet()) {
			Tracked message = entry.getValue();
			if (message.ackedSeq < 0) {
				continue;
			}
			checked++;
			Long seq = storedSeqs.get(entry.getKey());
			if (seq == null) {
				missing++;
			}
			else if (seq != message.ackedSeq) {
				wrongSeq++;
			}
		}
		return new StoreCheck(checked, missing, wrongSeq);
	}

	/** A message as read back from the store. */
	record Stored(long seq, @Nullable String clientMessageId) {
	}

	/**
	 * @param sent messages sent (each counted once, however often it was resent)
	 * @param acked messages acknowledged
	 * @param unacknowledged messages the server never answered: neither acknowledged nor
	 * refused at the end
	 * @param refused messages refused for good (not retryable)
	 * @param retrying messages whose latest answer was a retryable refusal
	 * ({@code server.busy}, ...): not taken in, and waiting at the client to be sent
	 * again when the run ended (the browser app's outbox keeps such messages); not a
	 * failure
	 * @param expectedDeliveries copies owed: acknowledged messages times their
	 * conversation's participant sessions
	 * @param delivered copies received, of any message
	 * @param lost copies owed but never received
	 * @param duplicates copies received more than once by the same session
	 * @param inversions copies received with a lower seq than one the session already had
	 * in that conversation (allowed between two senders)
	 * @param senderOrderViolations inversions between messages of the same sender (never
	 * allowed)
	 * @param unknown copies of messages this run did not send
	 * @param seqMismatches copies whose seq differs from the acknowledged one
	 * @param deliveredUnacknowledged unacknowledged messages that were delivered anyway
	 * @param late acks, refusals and copies that arrived after the record was frozen (the
	 * end of the drain); not counted above
	 * @param store the read-back of the store, or null when it was not read
	 */
	record Result(long sent, long acked, long unacknowledged, long refused, long retrying, long expectedDeliveries,
			long delivered, long lost, long duplicates, long inversions, long senderOrderViolations, long unknown,
			long seqMismatches, long deliveredUnacknowledged, long late, @Nullable StoreCheck store) {

		@JsonProperty("complete")
		boolean complete() {
			return this.unacknowledged == 0 && this.lost == 0 && this.duplicates == 0 && this.senderOrderViolations == 0
					&& this.seqMismatches == 0
					&& (this.store == null || (this.store.missing() == 0 && this.store.wrongSeq() == 0));
		}

	}

	/**
	 * @param checked acknowledged messages looked up
	 * @param missing acknowledged but not in the store
	 * @param wrongSeq in the store under another seq than acknowledged
	 */
	record StoreCheck(long checked, long missing, long wrongSeq) {
	}

	private static final class Tracked {

		final String conversationId;

		final int sender;

		final int[] receivers;

		final AtomicIntegerArray copies;

		volatile long ackedSeq = -1;

		volatile long deliveredSeq = -1;

		volatile boolean refused;

		volatile boolean retrying;

		Tracked(String conversationId, int sender, int[] receivers) {
			this.conversationId = conversationId;
			this.sender = sender;
			this.receivers = receivers;
			this.copies = new AtomicIntegerArray(receivers.length);
		}

		int slotOf(int receiver) {
			for (int slot = 0; slot < this.receivers.length; slot++) {
				if (this.receivers[slot] == receiver) {
					return slot;
				}
			}
			return -1;
		}

		boolean anyCopy() {
			for (int slot = 0; slot < this.receivers.length; slot++) {
				if (this.copies.get(slot) > 0) {
					return true;
				}
			}
			return false;
		}

	}

}
