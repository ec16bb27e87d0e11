package be.cocon.safety;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import be.cocon.privacy.RetentionPurge;

/**
 * Deletes escalations (with their signals, texts and notes) resolved longer ago than the
 * retention period. A client's escalations are numbered ({@code <client>:<n>}) and the
 * client's head document holds the latest number, so per client the numbers after the
 * last purge (noted on the head as {@value #PURGED_THROUGH}) are read by computed ids, in
 * order, up to the first one still open or resolved recently. The daily figures keep
 * their counts; they name nobody.
 */
@Component
class EscalationRetention implements RetentionPurge {

	static final String PURGED_THROUGH = "purgedThrough";

	private final MongoTemplate mongo;

	EscalationRetention(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Kind kind() {
		return Kind.RESOLVED_ESCALATIONS;
	}

	@Override
	public Batch purge(Instant cutoff, @Nullable String after, int batchSize) {
		Query owners = (after != null) ? Query.query(Criteria.where("_id").gt(after)) : new Query();
		owners.with(Sort.by("_id")).limit(batchSize);
		List<Document> heads = this.mongo.find(owners, Document.class, Escalations.HEADS);
		if (heads.isEmpty()) {
			return Batch.done();
		}
		long purged = 0;
		for (Document head : heads) {
			purged += purge(head, cutoff);
		}
		return new Batch(heads.get(heads.size() - 1).getString("_id"), purged);
	}

	private long purge(Document head, Instant cutoff) {
		String clientId = head.getString("_id");
		long through = number(head, PURGED_THROUGH);
		long latest = number(head, "n");
		if (latest <= through) {
			return 0;
		}
		List<String> ids = new ArrayList<>();
		for (long n = through + 1; n <= latest; n++) {
			ids.add(EscalationDocument.idOf(clientId, n));
		}
		Query query = Query.query(Criteria.where("_id").in(ids));
		query.fields().include("status", "resolvedAt");
		List<Document> found = new ArrayList<>(this.mongo.find(query, Document.class, EscalationDocument.COLLECTION));
		found.sort(Comparator.comparingLong(EscalationRetention::numberOf));
		List<String> expired = new ArrayList<>();
		long upTo = through;
		for (Document escalation : found) {
			Date resolvedAt = escalation.getDate("resolvedAt");
			boolean old = EscalationDocument.Status.RESOLVED.name().equals(escalation.getString("status"))
					&& resolvedAt != null && resolvedAt.toInstant().isBefore(cutoff);
			if (!old) {
				break;
			}
			expired.add(escalation.getString("_id"));
			upTo = numberOf(escalation);
		}
		if (expired.isEmpty()) {
			return 0;
		}
		// the console's list of recently resolved ones first, then the escalations, then
		// the mark: a purge cut off in between finds them again
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(Escalations.RESOLVED)),
				new Update().pullAll("ids", expired.toArray()), Escalations.INDEX);
		long deleted = this.mongo.remove(Query.query(Criteria.where("_id").in(expired)), EscalationDocument.COLLECTION)
			.getDeletedCount();
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(clientId)), new Update().max(PURGED_THROUGH, upTo),
				Escalations.HEADS);
		return deleted;
	}

	private static long numberOf(Document escalation) {
		String id = escalation.getString("_id");
		return Long.parseLong(id.substring(id.lastIndexOf(':') + 1));
	}

	private static long number(Document doc, String field) {
		Number value = doc.get(field, Number.class);
		return (value != null) ? value.longValue() : 0;
	}

}
