package be.cocon.chat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps each conversation's work in order without holding a thread while the store
 * commits. A sender numbers and stores a message while holding the conversation's lock
 * and hands what follows the commit (delivery, the risk assessment, the acknowledgement)
 * to the conversation's lane: one thread per lane and conversations spread over the
 * lanes, so one conversation's messages are delivered in sequence order while other
 * conversations go on in parallel.
 */
@Component
class ConversationLanes implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ConversationLanes.class);

	private static final int LOCKS = 4096;

	private final ReentrantLock[] locks = new ReentrantLock[LOCKS];

	private final ExecutorService[] lanes;

	private final ThreadLocal<Boolean> onLane = ThreadLocal.withInitial(() -> false);

	ConversationLanes(ChatSettings settings) {
		for (int i = 0; i < LOCKS; i++) {
			this.locks[i] = new ReentrantLock();
		}
		this.lanes = new ExecutorService[settings.lanes()];
		for (int i = 0; i < this.lanes.length; i++) {
			String name = "chat-lane-" + i;
			this.lanes[i] = Executors.newSingleThreadExecutor((task) -> {
				Thread thread = new Thread(() -> {
					this.onLane.set(true);
					task.run();
				}, name);
				thread.setDaemon(true);
				return thread;
			});
		}
	}

	/** The lock under which a conversation's messages are numbered and stored. */
	ReentrantLock lockOf(String conversationId) {
		return this.locks[Math.floorMod(conversationId.hashCode(), LOCKS)];
	}

	/** Runs the work on the conversation's lane, after the work handed in before it. */
	void execute(String conversationId, Runnable work) {
		this.lanes[Math.floorMod(conversationId.hashCode() * 31 + 7, this.lanes.length)].execute(() -> {
			try {
				work.run();
			}
			catch (RuntimeException ex) {
				log.error("Chat: work after storing a message failed", ex);
			}
		});
	}

	/** Whether the calling thread is a lane (work on a lane must not wait for a lane). */
	boolean onLane() {
		return this.onLane.get();
	}

	@Override
	public void destroy() throws InterruptedException {
		for (ExecutorService lane : this.lanes) {
			lane.shutdown();
		}
		for (ExecutorService lane : this.lanes) {
			lane.awaitTermination(5, TimeUnit.SECONDS);
		}
	}

}
