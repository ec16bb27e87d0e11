package be.cocon.platform.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class GroupCommitTests {

	@Test
	void callerReturnsOnlyAfterACommitThatStartedAfterItsCall() throws Exception {
		AtomicLong writes = new AtomicLong();
		AtomicLong durable = new AtomicLong();
		try (GroupCommit group = new GroupCommit(() -> durable.set(writes.get()))) {
			for (int i = 0; i < 50; i++) {
				long written = writes.incrementAndGet();
				group.awaitDurable();
				assertThat(durable.get()).isGreaterThanOrEqualTo(written);
			}
		}
	}

	@Test
	void concurrentCallersShareCommits() throws Exception {
		AtomicInteger commits = new AtomicInteger();
		try (GroupCommit group = new GroupCommit(() -> {
			commits.incrementAndGet();
			sleep(5);
		})) {
			ExecutorService pool = Executors.newFixedThreadPool(8);
			for (int i = 0; i < 200; i++) {
				pool.execute(group::awaitDurable);
			}
			pool.shutdown();
			assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(commits.get()).isLessThan(200);
	}

	@Test
	void actionsRunAfterTheirCommitInTheOrderTheyWereHandedIn() throws Exception {
		AtomicLong writes = new AtomicLong();
		AtomicLong durable = new AtomicLong();
		List<Long> seen = new CopyOnWriteArrayList<>();
		List<Boolean> coveredByACommit = new CopyOnWriteArrayList<>();
		try (GroupCommit group = new GroupCommit(() -> {
			durable.set(writes.get());
			sleep(2);
		})) {
			for (long i = 1; i <= 300; i++) {
				long written = writes.incrementAndGet();
				group.afterDurable(() -> {
					coveredByACommit.add(durable.get() >= written);
					seen.add(written);
				});
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 300);
		}
		assertThat(seen).isSorted().doesNotHaveDuplicates();
		assertThat(coveredByACommit).containsOnly(true);
	}

	@Test
	void actionsAreRefusedOnceClosed() {
		GroupCommit group = new GroupCommit(() -> {
		});
		group.close();

		assertThatIllegalStateException().isThrownBy(() -> group.afterDurable(() -> {
		}));
	}

	@Test
	void callersFailInsteadOfHangingWhenClosed() {
		GroupCommit group = new GroupCommit(() -> sleep(50));
		group.close();

		assertThatIllegalStateException().isThrownBy(group::awaitDurable);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
