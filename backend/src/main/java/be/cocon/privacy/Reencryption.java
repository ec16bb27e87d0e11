package be.cocon.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Re-seals, collection by collection, every encrypted value that is still in plain text
 * (stored before encryption) or sealed with a key other than the primary, so that an old
 * key can be retired. A pass is for one primary key and one set of encrypted fields; its
 * progress (collection, last {@code _id}, documents to retry) is kept in the store after
 * every batch, so a restart goes on where it stopped. Each document is changed with a
 * compare-and-set on the fields it re-seals: a document changed meanwhile is read again
 * and retried, and at the end of the pass once more, so no concurrent update is lost.
 */
@Component
class Reencryption {

	static final String PROGRESS = "reencryption";

	private static final Logger log = LoggerFactory.getLogger(Reencryption.class);

	private static final int ATTEMPTS = 3;

	private final MongoTemplate mongo;

	private final Keyring keys;

	private final FieldSealer sealer;

	private final EncryptedFields fields;

	private final EncryptionProperties properties;

	private final Clock clock;

	Reencryption(MongoTemplate mongo, Keyring keys, FieldSealer sealer, EncryptedFields fields,
			EncryptionProperties properties, Clock clock) {
		this.mongo = mongo;
		this.keys = keys;
		this.sealer = sealer;
		this.fields = fields;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${cocon.privacy.encryption.reencrypt-every:5m}",
			initialDelayString = "${cocon.privacy.encryption.reencrypt-every:5m}")
	@SchedulerLock(name = "privacy.reencryption", lockAtMostFor = "PT10M")
	void scheduled() {
		run(this.properties.reencryptRunFor(), Integer.MAX_VALUE);
	}

	/**
	 * Works on the current pass (starting one when the primary key or the encrypted
	 * fields changed) for at most this long and this many batches, keeping its progress
	 * after every batch.
	 * @return the progress after this run
	 */
	Progress run(Duration budget, int maxBatches) {
		long target = this.keys.primaryKeyId();
		List<String> fingerprint = this.fields.fingerprint();
		Progress progress = progress();
		if (progress == null || progress.targetKeyId() != target || !progress.fields().equals(fingerprint)) {
			progress = Progress.start(target, fingerprint, List.copyOf(this.fields.byCollection().keySet()),
					this.clock.instant());
			save(progress);
			log.info("Re-encryption: a pass for key {} over {} collections starts", target,
					progress.collections().size());
		}
		Budget left = new Budget(Instant.now().plus(budget), maxBatches, target);
		while (!progress.finished() && left.any()) {
			if (progress.index() < progress.collections().size()) {
				progress = throughCollection(progress, left);
				continue;
			}
			Progress next = retried(progress);
			saveBatch(next, left);
			if (!next.finished() && next.retry().size() == progress.retry().size()) {
				// only documents that keep changing are left: try them again next run
				return next;
			}
			progress = next;
		}
		return progress;
	}

	/** The progress kept in the store, or null before the first pass. */
	@Nullable Progress progress() {
		Document stored = this.mongo.findById(PROGRESS, Document.class, Keyring.COLLECTION);
		return (stored != null) ? Progress.of(stored) : null;
	}

	private void save(Progress progress) {
		this.mongo.getCollection(Keyring.COLLECTION)
			.replaceOne(Filters.eq("_id", PROGRESS), progress.toDocument(), new ReplaceOptions().upsert(true));
	}

	/**
	 * Goes on through the pass's current collection from its last {@code _id}, with one
	 * cursor in {@code _id} order (one scan on the embedded store), a batch at a time.
	 */
	private Progress throughCollection(Progress progress, Budget left) {
		String collection = progress.collections().get(progress.index());
		List<String> paths = this.fields.byCollection().getOrDefault(collection, List.of());
		Bson after = (progress.lastId() != null) ? Filters.gt("_id", progress.lastId()) : new Document();
		int size = this.properties.reencryptBatch();
		Progress current = progress;
		try (MongoCursor<Document> cursor = collection(collection).find(after)
			.projection(projection(paths))
			.sort(Sorts.ascending("_id"))
			.batchSize(size)
			.iterator()) {
			List<Document> batch = new ArrayList<>(size);
			while (cursor.hasNext()) {
				batch.add(cursor.next());
				if (batch.size() == size) {
					current = resealed(current, collection, paths, batch, false);
					saveBatch(current, left);
					batch.clear();
					if (!left.any()) {
						return current;
					}
				}
			}
			current = resealed(current, collection, paths, batch, true);
			saveBatch(current, left);
			return current;
		}
	}

	/** The progress after re-sealing a batch of the current collection. */
	private Progress resealed(Progress progress, String collection, List<String> paths, List<Document> batch,
			boolean last) {
		Counts counts = new Counts();
		List<Retry> retry = new ArrayList<>(progress.retry());
		for (Document document : batch) {
			if (!reseal(collection, document, paths, counts)) {
				retry.add(new Retry(collection, document.get("_id")));
			}
		}
		Object lastId = batch.isEmpty() ? progress.lastId() : batch.get(batch.size() - 1).get("_id");
		return progress.next(last ? progress.index() + 1 : progress.index(), last ? null : lastId, retry, counts,
				this.clock.instant());
	}

	/** The progress after trying the documents that kept changing once more. */
	private Progress retried(Progress progress) {
		Counts counts = new Counts();
		List<Retry> still = new ArrayList<>();
		for (Retry retry : progress.retry()) {
			List<String> paths = this.fields.byCollection().getOrDefault(retry.collection(), List.of());
			Document current = read(retry.collection(), retry.id(), paths);
			if (current != null && !reseal(retry.collection(), current, paths, counts)) {
				still.add(retry);
			}
		}
		return progress.next(progress.index(), null, still, counts, this.clock.instant());
	}

	private void saveBatch(Progress progress, Budget left) {
		save(progress);
		left.batchDone();
		if (progress.finished()) {
			log.info("Re-encryption: the pass for key {} is done ({} values re-sealed, {} sealed from plain text)",
					progress.targetKeyId(), progress.resealed(), progress.sealedFromPlain());
		}
	}

	private @Nullable Document read(String collection, Object id, List<String> paths) {
		return collection(collection).find(Filters.eq("_id", id)).projection(projection(paths)).first();
	}

	/**
	 * Re-seals what needs it in one document, with a compare-and-set on the fields it
	 * changes; reads it again when it changed meanwhile.
	 * @return false when it kept changing (to retry later)
	 */
	boolean reseal(String collection, Document read, List<String> paths, Counts counts) {
		Document document = read;
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			Counts found = new Counts();
			Map<String, Object> changes;
			try {
				changes = changes(document, paths, found);
			}
			catch (IllegalArgumentException ex) {
				// a value no key of the keyset opens: leave it, and say where (never
				// what)
				log.warn("Re-encryption: a value in {} {} cannot be opened and stays as it is", collection,
						document.get("_id"));
				counts.unreadable++;
				return true;
			}
			if (changes.isEmpty()) {
				return true;
			}
			Document filter = new Document("_id", document.get("_id"));
			for (String field : changes.keySet()) {
				filter.append(field, document.get(field));
			}
			if (collection(collection).updateOne(filter, new Document("$set", new Document(changes)))
				.getMatchedCount() == 1) {
				counts.add(found);
				return true;
			}
			counts.changedMeanwhile++;
			document = read(collection, read.get("_id"), paths);
			if (document == null) {
				return true;
			}
		}
		return false;
	}

	/** The top-level fields whose values change, with their new values. */
	private Map<String, Object> changes(Document document, List<String> paths, Counts counts) {
		Map<String, Object> changes = new LinkedHashMap<>();
		for (String path : paths) {
			List<String> segments = Arrays.asList(path.split("\\."));
			String top = segments.get(0);
			Object original = document.get(top);
			if (original == null) {
				continue;
			}
			Object current = changes.getOrDefault(top, original);
			Object resealed = resealed(current, segments.subList(1, segments.size()), counts);
			if (resealed != current) {
				changes.put(top, resealed);
			}
		}
		return changes;
	}

	/**
	 * The value with every leaf at the path re-sealed; the same object if none changed.
	 */
	private Object resealed(Object value, List<String> path, Counts counts) {
		if (value instanceof List<?> list) {
			List<Object> changed = null;
			for (int i = 0; i < list.size(); i++) {
				Object element = list.get(i);
				Object resealed = (element != null) ? resealed(element, path, counts) : null;
				if (resealed != element) {
					if (changed == null) {
						changed = new ArrayList<>(list);
					}
					changed.set(i, resealed);
				}
			}
			return (changed != null) ? changed : value;
		}
		if (path.isEmpty()) {
			return leaf(value, counts);
		}
		if (value instanceof Document document) {
			Object child = document.get(path.get(0));
			if (child == null) {
				return value;
			}
			Object resealed = resealed(child, path.subList(1, path.size()), counts);
			if (resealed == child) {
				return value;
			}
			Document copy = new Document(document);
			copy.put(path.get(0), resealed);
			return copy;
		}
		return value;
	}

	private Object leaf(Object value, Counts counts) {
		if (value instanceof String text) {
			counts.sealedFromPlain++;
			return this.sealer.seal(text);
		}
		if (value instanceof Document document) {
			counts.sealedFromPlain++;
			return this.sealer.sealDocument(document);
		}
		Integer keyId = FieldSealer.keyIdOf(value);
		if (keyId != null && keyId != this.keys.primaryId()) {
			counts.resealed++;
			return this.sealer.reseal(value);
		}
		return value;
	}

	private static Bson projection(List<String> paths) {
		return Projections.include(paths.stream().map((path) -> path.split("\\.")[0]).distinct().toList());
	}

	private MongoCollection<Document> collection(String name) {
		return this.mongo.getCollection(name);
	}

	/** What one run may still do. */
	private final class Budget {

		private final Instant until;

		private final long target;

		private int batches;

		Budget(Instant until, int batches, long target) {
			this.until = until;
			this.batches = batches;
			this.target = target;
		}

		boolean any() {
			return this.batches > 0 && Instant.now().isBefore(this.until)
					&& Reencryption.this.keys.primaryKeyId() == this.target;
		}

		void batchDone() {
			this.batches--;
		}

	}

	/** What one batch found. */
	static final class Counts {

		long resealed;

		long sealedFromPlain;

		long changedMeanwhile;

		long unreadable;

		void add(Counts other) {
			this.resealed += other.resealed;
			this.sealedFromPlain += other.sealedFromPlain;
		}

	}

	/** A document that kept changing while the job re-sealed it. */
	record Retry(String collection, Object id) {
	}

	/**
	 * A pass as kept in the store.
	 *
	 * @param targetKeyId the primary key the pass seals with
	 * @param fields the encrypted fields when it started ({@code collection:path})
	 * @param collections the collections it goes through, in order
	 * @param index the collection it is in ({@code collections.size()}: only retries
	 * left)
	 * @param lastId the last {@code _id} done in that collection, or null at its start
	 * @param retry documents to try again before the pass ends
	 * @param resealed values moved from an older key
	 * @param sealedFromPlain values that were still plain text
	 * @param changedMeanwhile compare-and-sets that found the document changed
	 * @param unreadable values no key of the keyset opens (left as they are)
	 * @param startedAt when the pass started
	 * @param finishedAt when it ended, or null
	 */
	record Progress(long targetKeyId, List<String> fields, List<String> collections, int index, @Nullable Object lastId,
			List<Retry> retry, long resealed, long sealedFromPlain, long changedMeanwhile, long unreadable,
			Instant startedAt, @Nullable Instant finishedAt) {

		static Progress start(long targetKeyId, List<String> fields, List<String> collections, Instant now) {
			return new Progress(targetKeyId, fields, collections, 0, null, List.of(), 0, 0, 0, 0, now, null);
		}

		boolean finished() {
			return this.finishedAt != null;
		}

		Progress next(int index, @Nullable Object lastId, List<Retry> retry, Counts counts, Instant now) {
			boolean done = index >= this.collections.size() && retry.isEmpty();
			return new Progress(this.targetKeyId, this.fields, this.collections, index, lastId, List.copyOf(retry),
					this.resealed + counts.resealed, this.sealedFromPlain + counts.sealedFromPlain,
					this.changedMeanwhile + counts.changedMeanwhile, this.unreadable + counts.unreadable,
					this.startedAt, done ? now : null);
		}

		Document toDocument() {
			return new Document("_id", PROGRESS).append("targetKeyId", this.targetKeyId)
				.append("fields", this.fields)
				.append("collections", this.collections)
				.append("index", this.index)
				.append("lastId", this.lastId)
				.append("retry",
						this.retry.stream()
							.map((r) -> new Document("collection", r.collection()).append("id", r.id()))
							.toList())
				.append("resealed", this.resealed)
				.append("sealedFromPlain", this.sealedFromPlain)
				.append("changedMeanwhile", this.changedMeanwhile)
				.append("unreadable", this.unreadable)
				.append("startedAt", Date.from(this.startedAt))
				.append("finishedAt", (this.finishedAt != null) ? Date.from(this.finishedAt) : null);
		}

		static Progress of(Document stored) {
			Date finished = stored.getDate("finishedAt");
			return new Progress(stored.get("targetKeyId", Number.class).longValue(),
					stored.getList("fields", String.class, List.of()),
					stored.getList("collections", String.class, List.of()), stored.getInteger("index", 0),
					stored.get("lastId"),
					stored.getList("retry", Document.class, List.of())
						.stream()
						.map((r) -> new Retry(r.getString("collection"), r.get("id")))
						.toList(),
					number(stored, "resealed"), number(stored, "sealedFromPlain"), number(stored, "changedMeanwhile"),
					number(stored, "unreadable"), stored.getDate("startedAt").toInstant(),
					(finished != null) ? finished.toInstant() : null);
		}

		private static long number(Document stored, String field) {
			Number value = stored.get(field, Number.class);
			return (value != null) ? value.longValue() : 0;
		}

	}

}
