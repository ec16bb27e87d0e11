package be.cocon.chat;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the SEND frames of chat messages that have arrived and are not yet handled, on
 * the whole instance and per session. Frames of one session are handled one after the
 * other (in arrival order), so under overload they wait in a queue the handler does not
 * see: the frame gate counts them on arrival and refuses one beyond the bounds at once
 * ({@code server.busy}), and the inbound channel counts them off once handled.
 */
class SendBacklog {

	static final String MESSAGES_PREFIX = "/app/conversations/";

	static final String MESSAGES_SUFFIX = "/messages";

	private final int max;

	private final int maxPerSession;

	private final AtomicInteger waiting = new AtomicInteger();

	private final ConcurrentHashMap<String, AtomicInteger> perSession = new ConcurrentHashMap<>();

	SendBacklog(int max, int maxPerSession) {
		this.max = max;
		this.maxPerSession = maxPerSession;
	}

	static boolean isMessageSend(String destination) {
		return destination != null && destination.startsWith(MESSAGES_PREFIX) && destination.endsWith(MESSAGES_SUFFIX);
	}

	/**
	 * Counts frames in, unless that would go beyond a bound (or {@code force}, for frames
	 * that cannot be refused on their own).
	 * @return whether they were counted in
	 */
	boolean enter(String sessionId, int frames, boolean force) {
		AtomicInteger own = this.perSession.computeIfAbsent(sessionId, (id) -> new AtomicInteger());
		int total = this.waiting.addAndGet(frames);
		int mine = own.addAndGet(frames);
		if (!force && (total > this.max || mine > this.maxPerSession)) {
			own.addAndGet(-frames);
			this.waiting.addAndGet(-frames);
			return false;
		}
		return true;
	}

	/** One frame of the session was handled (stored, or refused by its handler). */
	void handled(String sessionId) {
		AtomicInteger own = this.perSession.get(sessionId);
		if (own == null) {
			return;
		}
		if (own.decrementAndGet() >= 0) {
			this.waiting.decrementAndGet();
		}
		else {
			// the session closed meanwhile and its frames were counted off then
			own.incrementAndGet();
		}
	}

	/** The session closed: whatever of it was still waiting is counted off. */
	void closed(String sessionId) {
		AtomicInteger own = this.perSession.remove(sessionId);
		if (own != null) {
			this.waiting.addAndGet(-own.getAndSet(0));
		}
	}

	int waiting() {
		return this.waiting.get();
	}

}
