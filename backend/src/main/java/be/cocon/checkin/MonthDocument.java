package be.cocon.checkin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import be.cocon.privacy.Encrypted;

/**
 * One client's check-ins of one month (in the client's time zone). Its id is
 * {@code <client id>:<yyyy-MM>}, so any period is read with one {@code _id $in}.
 *
 * @param id {@code <client id>:<yyyy-MM>}
 * @param clientId the client
 * @param month {@code yyyy-MM}
 * @param entries the check-ins in the order they were stored
 * @param counts check-ins per local date ({@code yyyy-MM-dd}), for the daily limit and
 * the reminder
 */
@Document(MonthDocument.COLLECTION)
record MonthDocument(@Id String id, String clientId, String month, @Nullable List<Entry> entries,
		@Nullable Map<String, Integer> counts) {

	static final String COLLECTION = "checkin_months";

	static String idOf(String clientId, YearMonth month) {
		return clientId + ":" + month;
	}

	List<Entry> entryList() {
		return (this.entries != null) ? this.entries : List.of();
	}

	Optional<Entry> entry(String checkInId) {
		return entryList().stream().filter((entry) -> entry.id().equals(checkInId)).findFirst();
	}

	int countOn(LocalDate date) {
		Integer count = (this.counts != null) ? this.counts.get(date.toString()) : null;
		return (count != null) ? count : 0;
	}

	/**
	 * One check-in as stored.
	 *
	 * @param id the id the browser made (a UUID, lower case)
	 * @param at when it was stored
	 * @param date the client's local date then ({@code yyyy-MM-dd})
	 * @param mood 1..10
	 * @param stress 1..10
	 * @param tags from the vocabulary
	 * @param note trimmed, or null
	 */
	record Entry(String id, Instant at, String date, int mood, int stress, List<String> tags,
			@Encrypted @Nullable String note) {

		LocalDate localDate() {
			return LocalDate.parse(this.date);
		}

	}

}
