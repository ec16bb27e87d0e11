package be.cocon.chat;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Bounds the messages taken in but not yet acknowledged, on the whole instance and per
 * sender, so that under overload a send is refused at once with a retryable
 * {@code server.busy} instead of waiting in a queue that only grows: the messages already
 * taken in keep a short wait, and the refused ones go out again a moment later (the
 * browser's outbox sends them again with the same client message id).
 */
@Component
class SendAdmission {

	static final String BUSY = "server.busy";

	static final String BUSY_DETAIL = "Cocon is very busy right now: this message was not sent yet; send it again in a moment.";

	private final int maxPending;

	private final int maxPendingPerSender;

	private final AtomicInteger pending = new AtomicInteger();

	private final ConcurrentHashMap<String, Integer> perSender = new ConcurrentHashMap<>();

	private final Counter refused;

	SendAdmission(ChatSettings settings, MeterRegistry meters) {
		this.maxPending = settings.maxPendingSends();
		this.maxPendingPerSender = settings.maxPendingSendsPerSender();
		Gauge.builder("cocon.chat.sends.pending", this.pending, AtomicInteger::get)
			.description("Messages taken in and not yet acknowledged")
			.register(meters);
		this.refused = Counter.builder("cocon.chat.sends.refused")
			.description("Sends refused as server.busy")
			.register(meters);
	}

	/**
	 * Takes a message in, or refuses it when the instance or this sender has too many
	 * waiting. Every admission is followed by exactly one {@link #release}.
	 */
	void admit(String senderId, String clientMessageId) {
		if (this.pending.incrementAndGet() > this.maxPending) {
			this.pending.decrementAndGet();
			throw busy(clientMessageId);
		}
		Integer own = this.perSender.merge(senderId, 1, Integer::sum);
		if (own > this.maxPendingPerSender) {
			release(senderId);
			throw busy(clientMessageId);
		}
	}

	void release(String senderId) {
		this.pending.decrementAndGet();
		// a sender with nothing waiting is forgotten, so the map holds only active
		// senders
		this.perSender.computeIfPresent(senderId, (id, own) -> (own <= 1) ? null : own - 1);
	}

	int pending() {
		return this.pending.get();
	}

	private ChatProblem busy(String clientMessageId) {
		this.refused.increment();
		return new ChatProblem(503, BUSY, BUSY_DETAIL, clientMessageId);
	}

}
