package be.cocon.platform.store;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import be.cocon.platform.Durability;

/**
 * Group commit for the embedded store: callers take a ticket and either wait or leave an
 * action; one thread commits the H2 backend whenever tickets are waiting, so writes made
 * within a few milliseconds share one commit, and every caller returns (every action
 * runs) only after a commit that started after its ticket. Actions run on the commit
 * thread in ticket order.
 */
class GroupCommit implements Durability, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

	private static final Duration MAX_WAIT = Duration.ofSeconds(10);

	private final Runnable commit;

	private final Object lock = new Object();

	private final Thread committer;

	/** Actions waiting for their commit, in ticket order. */
	private final ArrayDeque<Pending> pending = new ArrayDeque<>();

	private long requested;

	private long committed;

	private volatile boolean running = true;

	GroupCommit(Runnable commit) {
		this.commit = commit;
		this.committer = new Thread(this::run, "store-group-commit");
		this.committer.setDaemon(true);
		this.committer.start();
	}

	@Override
	public void awaitDurable() {
		long deadline = System.nanoTime() + MAX_WAIT.toNanos();
		synchronized (this.lock) {
			long ticket = ++this.requested;
			this.lock.notifyAll();
			while (this.committed < ticket) {
				long left = deadline - System.nanoTime();
				if (!this.running || left <= 0) {
					throw new IllegalStateException("The store did not confirm the write in time");
				}
				waitOn(left / 1_000_000 + 1);
			}
		}
	}

	@Override
	public void afterDurable(Runnable action) {
		synchronized (this.lock) {
			if (!this.running) {
				throw new IllegalStateException("The store is closing");
			}
			this.pending.add(new Pending(++this.requested, action));
			this.lock.notifyAll();
		}
	}

	private void run() {
		while (this.running) {
			long target;
			synchronized (this.lock) {
				while (this.running && this.requested == this.committed) {
					waitOn(1000);
				}
				target = this.requested;
			}
			try {
				this.commit.run();
			}
			catch (RuntimeException ex) {
				log.error("Store: group commit failed; waiting writers will time out", ex);
				continue;
			}
			List<Runnable> due = new ArrayList<>();
			synchronized (this.lock) {
				this.committed = target;
				while (!this.pending.isEmpty() && this.pending.peek().ticket() <= target) {
					due.add(this.pending.poll().action());
				}
				this.lock.notifyAll();
			}
			for (Runnable action : due) {
				try {
					action.run();
				}
				catch (RuntimeException ex) {
					log.error("Store: an action after a commit failed", ex);
				}
			}
		}
	}

	private void waitOn(long millis) {
		try {
			this.lock.wait(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the store", ex);
		}
	}

	@Override
	public void close() {
		this.running = false;
		synchronized (this.lock) {
			this.pending.clear();
			this.lock.notifyAll();
		}
	}

	private record Pending(long ticket, Runnable action) {
	}

}
