package be.cocon.checkin;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import be.cocon.checkin.MonthDocument.Entry;

/**
 * Check-ins in month documents ({@code _id = <client id>:<yyyy-MM>}): the embedded store
 * is fast only on {@code _id}, and a month of one client's check-ins is small. An entry
 * is pushed with a condition (its id not yet in the month, the day's count under the
 * limit), so a repeated post never stores it twice and the document stays bounded.
 */
@Repository
class CheckIns {

	private final MongoTemplate mongo;

	CheckIns(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * The month documents of one client for these months (missing months are left out).
	 */
	List<MonthDocument> months(String clientId, Collection<YearMonth> months) {
		List<String> ids = months.stream().map((month) -> MonthDocument.idOf(clientId, month)).toList();
		return byIds(ids);
	}

	List<MonthDocument> byIds(Collection<String> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.mongo.find(Query.query(Criteria.where("_id").in(ids)), MonthDocument.class);
	}

	/** How many check-ins the client stored on this local date. */
	int countOn(String clientId, LocalDate date) {
		Query query = Query.query(Criteria.where("_id").is(MonthDocument.idOf(clientId, YearMonth.from(date))));
		query.fields().include("counts");
		MonthDocument month = this.mongo.findOne(query, MonthDocument.class);
		return (month != null) ? month.countOn(date) : 0;
	}

	/**
	 * Adds a check-in to its month unless the month holds it already or the day is full.
	 */
	Added add(String clientId, Entry entry, int maxPerDay) {
		YearMonth month = YearMonth.from(entry.localDate());
		String id = MonthDocument.idOf(clientId, month);
		String count = "counts." + entry.date();
		for (int attempt = 0; attempt < 5; attempt++) {
			Query room = Query.query(Criteria.where("_id")
				.is(id)
				.and("entries.id")
				.ne(entry.id())
				.orOperator(Criteria.where(count).exists(false), Criteria.where(count).lt(maxPerDay)));
			if (this.mongo.updateFirst(room, new Update().push("entries", entry).inc(count, 1), MonthDocument.class)
				.getModifiedCount() == 1) {
				return new Added(Outcome.ADDED, entry);
			}
			MonthDocument current = this.mongo.findById(id, MonthDocument.class);
			if (current == null) {
				try {
					this.mongo.insert(new MonthDocument(id, clientId, month.toString(), new ArrayList<>(List.of(entry)),
							Map.of(entry.date(), 1)));
					return new Added(Outcome.ADDED, entry);
				}
				catch (DuplicateKeyException ex) {
					// the first check-in of the month arrived twice at once; try the push
					continue;
				}
			}
			Entry earlier = current.entry(entry.id()).orElse(null);
			if (earlier != null) {
				return new Added(Outcome.DUPLICATE, earlier);
			}
			if (current.countOn(entry.localDate()) >= maxPerDay) {
				return new Added(Outcome.DAY_FULL, entry);
			}
		}
		throw new IllegalStateException("Could not store check-in " + entry.id());
	}

	/**
	 * What {@link #add} did, and the check-in as stored (the earlier one on a repeat).
	 */
	record Added(Outcome outcome, Entry entry) {
	}

	enum Outcome {

		ADDED, DUPLICATE, DAY_FULL

	}

	/**
	 * Every month of a client's check-ins, found by a scan (for export and erasure only)
	 * and read by id like every other read.
	 */
	List<MonthDocument> allOf(String clientId) {
		Query ofClient = Query.query(Criteria.where("clientId").is(clientId));
		ofClient.fields().include("_id");
		return byIds(this.mongo.find(ofClient, org.bson.Document.class, MonthDocument.COLLECTION)
			.stream()
			.map((month) -> month.getString("_id"))
			.toList());
	}

	void deleteAllOf(String clientId) {
		this.mongo.remove(Query.query(Criteria.where("clientId").is(clientId)), MonthDocument.class);
	}

}
