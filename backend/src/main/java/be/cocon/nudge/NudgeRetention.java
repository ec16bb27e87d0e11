package be.cocon.nudge;

import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import be.cocon.nudge.NudgeDocument.Status;
import be.cocon.privacy.RetentionPurge;

/**
 * Deletes nudges that are done with (sent, cancelled or dismissed) longer ago than the
 * retention period; scheduled and suggested ones stay. Each client's nudges are listed in
 * an index document ({@code client:<client id>}), so per client they are read with one
 * {@code _id $in}, deleted, and taken off the list. A sent nudge's text also lives on as
 * a chat message, which the message retention purges.
 */
@Component
class NudgeRetention implements RetentionPurge {

	private static final String PREFIX = "client:";

	/** The first key after every {@code client:...} key. */
	private static final String AFTER_PREFIX = "client;";

	private static final Set<String> DONE = Set.of(Status.SENT.name(), Status.CANCELLED.name(), Status.DISMISSED.name(),
			Status.SUPERSEDED.name());

	private final MongoTemplate mongo;

	NudgeRetention(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Kind kind() {
		return Kind.NUDGES;
	}

	@Override
	public Batch purge(Instant cutoff, @Nullable String after, int batchSize) {
		Query owners = Query.query(Criteria.where("_id").gt((after != null) ? after : PREFIX).lt(AFTER_PREFIX));
		owners.with(Sort.by("_id")).limit(batchSize);
		List<Document> indexes = this.mongo.find(owners, Document.class, Nudges.INDEX);
		if (indexes.isEmpty()) {
			return Batch.done();
		}
		long purged = 0;
		for (Document index : indexes) {
			purged += purge(index, cutoff);
		}
		return new Batch(indexes.get(indexes.size() - 1).getString("_id"), purged);
	}

	private long purge(Document index, Instant cutoff) {
		List<String> ids = index.getList("ids", String.class, List.of());
		if (ids.isEmpty()) {
			return 0;
		}
		Query query = Query.query(Criteria.where("_id").in(ids));
		query.fields().include("status", "sentAt", "sendAt");
		List<Document> found = this.mongo.find(query, Document.class, NudgeDocument.COLLECTION);
		List<String> expired = found.stream()
			.filter((nudge) -> DONE.contains(nudge.getString("status")) && before(nudge, cutoff))
			.map((nudge) -> nudge.getString("_id"))
			.toList();
		// a nudge is stored before it is listed, so a listed id without a nudge was
		// purged
		// by a run cut off before it could take the id off the list
		Set<String> gone = new HashSet<>(ids);
		found.forEach((nudge) -> gone.remove(nudge.getString("_id")));
		long deleted = 0;
		if (!expired.isEmpty()) {
			deleted = this.mongo.remove(Query.query(Criteria.where("_id").in(expired)), NudgeDocument.COLLECTION)
				.getDeletedCount();
		}
		gone.addAll(expired);
		if (!gone.isEmpty()) {
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(index.getString("_id"))),
					new Update().pullAll("ids", gone.toArray()), Nudges.INDEX);
		}
		return deleted;
	}

	/** Sent before the cutoff, or (never sent) due before it. */
	private static boolean before(Document nudge, Instant cutoff) {
		Date at = (nudge.getDate("sentAt") != null) ? nudge.getDate("sentAt") : nudge.getDate("sendAt");
		return at != null && at.toInstant().isBefore(cutoff);
	}

}
