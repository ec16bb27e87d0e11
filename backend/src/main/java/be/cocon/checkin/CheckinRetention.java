package be.cocon.checkin;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
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

import be.cocon.privacy.RetentionPurge;

/**
 * Deletes check-ins past their retention period. A client's check-ins live in month
 * documents with computable ids ({@code <client>:<yyyy-MM>}), so per client the months
 * from the last purge (noted on the client's document as {@value #RETAINED_FROM}) up to
 * the cutoff's month are read with one {@code _id $in}: a month with only expired
 * check-ins is deleted, a month with some loses those (and their day counts).
 */
@Component
class CheckinRetention implements RetentionPurge {

	static final String RETAINED_FROM = "retainedFrom";

	/** How far back the first purge of a client looks. */
	private static final int FIRST_LOOK_BACK_MONTHS = 120;

	private final MongoTemplate mongo;

	CheckinRetention(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Kind kind() {
		return Kind.CHECKINS;
	}

	@Override
	public Batch purge(Instant cutoff, @Nullable String after, int batchSize) {
		Query owners = (after != null) ? Query.query(Criteria.where("_id").gt(after)) : new Query();
		owners.with(Sort.by("_id")).limit(batchSize);
		owners.fields().include(RETAINED_FROM);
		List<Document> clients = this.mongo.find(owners, Document.class, ClientDocument.COLLECTION);
		if (clients.isEmpty()) {
			return Batch.done();
		}
		long purged = 0;
		for (Document client : clients) {
			purged += purge(client, cutoff);
		}
		return new Batch(clients.get(clients.size() - 1).getString("_id"), purged);
	}

	private long purge(Document client, Instant cutoff) {
		String clientId = client.getString("_id");
		// a check-in's month is in the client's time zone: it can lie a month either side
		YearMonth cutoffMonth = YearMonth.from(cutoff.atZone(ZoneOffset.UTC));
		String noted = client.getString(RETAINED_FROM);
		YearMonth from = (noted != null) ? YearMonth.parse(noted) : cutoffMonth.minusMonths(FIRST_LOOK_BACK_MONTHS);
		List<String> ids = new ArrayList<>();
		for (YearMonth month = from; !month.isAfter(cutoffMonth.plusMonths(1)); month = month.plusMonths(1)) {
			ids.add(MonthDocument.idOf(clientId, month));
		}
		Query months = Query.query(Criteria.where("_id").in(ids));
		months.fields().include("entries.at", "entries.date");
		long purged = 0;
		for (Document month : this.mongo.find(months, Document.class, MonthDocument.COLLECTION)) {
			purged += purgeMonth(month, cutoff);
		}
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(clientId)),
				new Update().set(RETAINED_FROM, cutoffMonth.minusMonths(1).toString()), ClientDocument.COLLECTION);
		return purged;
	}

	private long purgeMonth(Document month, Instant cutoff) {
		List<Document> entries = month.getList("entries", Document.class, List.of());
		Set<String> expiredDates = new HashSet<>();
		Set<String> keptDates = new HashSet<>();
		int expired = 0;
		for (Document entry : entries) {
			if (entry.getDate("at").toInstant().isBefore(cutoff)) {
				expired++;
				expiredDates.add(entry.getString("date"));
			}
			else {
				keptDates.add(entry.getString("date"));
			}
		}
		if (expired == 0) {
			return 0;
		}
		Query byId = Query.query(Criteria.where("_id").is(month.getString("_id")));
		if (expired == entries.size()) {
			// only when nothing newer arrived since it was read
			byId.addCriteria(Criteria.where("entries").size(entries.size()));
			if (this.mongo.remove(byId, MonthDocument.COLLECTION).getDeletedCount() == 1) {
				return expired;
			}
			byId = Query.query(Criteria.where("_id").is(month.getString("_id")));
		}
		Update update = new Update().pull("entries", new Document("at", new Document("$lt", Date.from(cutoff))));
		expiredDates.removeAll(keptDates);
		expiredDates.forEach((date) -> update.unset("counts." + date));
		this.mongo.updateFirst(byId, update, MonthDocument.COLLECTION);
		return expired;
	}

}
