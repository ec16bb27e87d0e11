package be.cocon.privacy;

import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Deletes audit entries past their retention period. An entry's id begins with the time
 * it was recorded, so the expired ones are read off each client's index document without
 * loading them; they are deleted by {@code _id $in}, then taken off the index.
 */
@Component
class AuditRetention implements RetentionPurge {

	private final MongoTemplate mongo;

	AuditRetention(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Kind kind() {
		return Kind.AUDIT_ENTRIES;
	}

	@Override
	public Batch purge(Instant cutoff, @Nullable String after, int batchSize) {
		Query owners = (after != null) ? Query.query(Criteria.where("_id").gt(after)) : new Query();
		owners.with(Sort.by("_id")).limit(batchSize);
		List<Document> indexes = this.mongo.find(owners, Document.class, StoreAuditLog.BY_SUBJECT);
		if (indexes.isEmpty()) {
			return Batch.done();
		}
		long purged = 0;
		for (Document index : indexes) {
			List<String> expired = index.getList("entryIds", String.class, List.of())
				.stream()
				.filter((id) -> StoreAuditLog.millisOf(id) < cutoff.toEpochMilli())
				.toList();
			if (expired.isEmpty()) {
				continue;
			}
			// entries first, then the index: a purge cut off in between finds them again
			purged += this.mongo.remove(Query.query(Criteria.where("_id").in(expired)), StoreAuditLog.COLLECTION)
				.getDeletedCount();
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(index.get("_id"))),
					new Update().pullAll("entryIds", expired.toArray()), StoreAuditLog.BY_SUBJECT);
		}
		return new Batch(indexes.get(indexes.size() - 1).getString("_id"), purged);
	}

}
