package be.cocon.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs every module's {@link RetentionPurge}, one kind of data after the other. One
 * instance at a time runs it (a ShedLock lease in the store, longer than a run may take).
 * The progress of each kind (its cutoff and the last owner done) is saved in
 * {@code retention_runs} after every batch, so a run that stops (time budget, restart,
 * crash) is resumed by the next one with the same cutoff instead of starting over.
 */
@Component
class RetentionJob {

	static final String RUNS = "retention_runs";

	private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

	private final List<RetentionPurge> purges;

	private final RetentionProperties properties;

	private final MongoTemplate mongo;

	private final Clock clock;

	RetentionJob(List<RetentionPurge> purges, RetentionProperties properties, MongoTemplate mongo, Clock clock) {
		this.purges = purges.stream().sorted(Comparator.comparing(RetentionPurge::kind)).toList();
		this.properties = properties;
		this.mongo = mongo;
		this.clock = clock;
	}

	@Scheduled(cron = "${cocon.privacy.retention.cron:0 30 3 * * *}")
	@SchedulerLock(name = "privacy.retention", lockAtMostFor = "PT30M")
	void scheduled() {
		if (this.properties.enabled()) {
			run(Integer.MAX_VALUE);
		}
	}

	/**
	 * Purges until everything is done, the time budget is spent or {@code maxBatches}
	 * batches were run.
	 */
	Report run(int maxBatches) {
		return run(maxBatches, this.properties.batchSize());
	}

	/** As {@link #run(int)}, with this many owners per batch. */
	Report run(int maxBatches, int batchSize) {
		long deadline = System.nanoTime() + this.properties.maxRunTime().toNanos();
		this.mongo.upsert(byId("job"), new Update().set("lastStartedAt", Date.from(this.clock.instant())), RUNS);
		Map<RetentionPurge.Kind, Long> purged = new EnumMap<>(RetentionPurge.Kind.class);
		int batches = 0;
		for (RetentionPurge purge : this.purges) {
			RetentionPurge.Kind kind = purge.kind();
			Progress progress = progressOf(kind);
			try {
				while (progress.after() != null || !progress.started()) {
					if (batches >= maxBatches || System.nanoTime() > deadline) {
						log.info("Retention: stopped during {}; the next run resumes there", kind);
						return new Report(purged, false);
					}
					RetentionPurge.Batch batch = purge.purge(progress.cutoff(), progress.after(), batchSize);
					batches++;
					progress = progress.next(batch);
					purged.merge(kind, batch.purged(), Long::sum);
					save(kind, progress);
				}
				finish(kind, progress);
			}
			catch (RuntimeException ex) {
				// the next run resumes this kind at the last saved batch
				log.warn("Retention: purging {} failed ({}); the next run resumes it", kind, ex.toString());
			}
		}
		this.mongo.upsert(byId("job"), new Update().set("lastFinishedAt", Date.from(this.clock.instant())), RUNS);
		return new Report(purged, true);
	}

	/** The unfinished progress of a kind, or a new one with today's cutoff. */
	private Progress progressOf(RetentionPurge.Kind kind) {
		Document saved = this.mongo.findById(kind.name(), Document.class, RUNS);
		if (saved != null && saved.get("finishedAt") == null && saved.getDate("cutoff") != null) {
			// a walk saved without an owner is done again from the start: idempotent
			String after = saved.getString("after");
			Number purged = saved.get("purged", Number.class);
			return new Progress(saved.getDate("cutoff").toInstant(), after, after != null,
					(purged != null) ? purged.longValue() : 0);
		}
		Instant cutoff = this.clock.instant().minus(this.properties.periodOf(kind));
		Progress fresh = new Progress(cutoff, null, false, 0);
		this.mongo.upsert(byId(kind.name()),
				new Update().set("cutoff", Date.from(cutoff))
					.set("after", null)
					.set("purged", 0L)
					.set("startedAt", Date.from(this.clock.instant()))
					.unset("finishedAt"),
				RUNS);
		return fresh;
	}

	private void save(RetentionPurge.Kind kind, Progress progress) {
		this.mongo.updateFirst(byId(kind.name()),
				new Update().set("after", progress.after()).set("purged", progress.purged()), RUNS);
	}

	private void finish(RetentionPurge.Kind kind, Progress progress) {
		this.mongo.updateFirst(byId(kind.name()), new Update().set("finishedAt", Date.from(this.clock.instant())),
				RUNS);
		if (progress.purged() > 0) {
			log.info("Retention: purged {} {} from before {}", progress.purged(), kind, progress.cutoff());
		}
	}

	private static Query byId(String id) {
		return Query.query(Criteria.where("_id").is(id));
	}

	/**
	 * Where the purge of one kind stands.
	 *
	 * @param cutoff what is older goes
	 * @param after the last owner done, or null
	 * @param started whether a batch has run
	 * @param purged items deleted so far in this walk
	 */
	private record Progress(Instant cutoff, @Nullable String after, boolean started, long purged) {

		Progress next(RetentionPurge.Batch batch) {
			return new Progress(this.cutoff, batch.last(), true, this.purged + batch.purged());
		}

	}

	/**
	 * @param purged items deleted per kind in this run
	 * @param complete whether every kind was walked to the end
	 */
	record Report(Map<RetentionPurge.Kind, Long> purged, boolean complete) {
	}

}
