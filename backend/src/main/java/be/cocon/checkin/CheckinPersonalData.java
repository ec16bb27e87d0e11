package be.cocon.checkin;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import be.cocon.privacy.ErasedClient;
import be.cocon.privacy.PersonalData;

/**
 * A client's check-ins (mood, stress, tags, note) and their daily reminder; deleted at
 * erasure, and the client leaves the reminder index. The reminder conversation goes with
 * the chat module's part.
 */
@Component
class CheckinPersonalData implements PersonalData {

	private final CheckIns checkIns;

	private final CheckinClients clients;

	CheckinPersonalData(CheckIns checkIns, CheckinClients clients) {
		this.checkIns = checkIns;
		this.clients = clients;
	}

	@Override
	public String section() {
		return "checkins";
	}

	@Override
	public Set<String> collections() {
		return Set.of(MonthDocument.COLLECTION, ClientDocument.COLLECTION, CheckinClients.INDEX);
	}

	@Override
	public Object export(String clientId) {
		List<CheckinExport> entries = this.checkIns.allOf(clientId)
			.stream()
			.flatMap((month) -> month.entryList().stream())
			.sorted(Comparator.comparing(MonthDocument.Entry::at))
			.map((entry) -> new CheckinExport(entry.at(), entry.date(), entry.mood(), entry.stress(), entry.tags(),
					entry.note()))
			.toList();
		ClientDocument.Reminder reminder = this.clients.findById(clientId).map(ClientDocument::reminder).orElse(null);
		return new CheckinsExport(entries,
				(reminder != null) ? new ReminderExport(reminder.enabled(), reminder.time(), reminder.zone()) : null);
	}

	@Override
	public void erase(ErasedClient client) {
		this.checkIns.deleteAllOf(client.clientId());
		this.clients.delete(client.clientId());
	}

	/**
	 * @param checkins every check-in, oldest first
	 * @param reminder the daily reminder, or null when it was never set
	 */
	record CheckinsExport(List<CheckinExport> checkins, @Nullable ReminderExport reminder) {
	}

	/**
	 * @param at when it was stored
	 * @param date the client's own date then
	 * @param mood 1..10
	 * @param stress 1..10
	 * @param tags chosen tags
	 * @param note the note, or null
	 */
	record CheckinExport(Instant at, String date, int mood, int stress, List<String> tags, @Nullable String note) {
	}

	record ReminderExport(boolean enabled, String time, String timezone) {
	}

}
