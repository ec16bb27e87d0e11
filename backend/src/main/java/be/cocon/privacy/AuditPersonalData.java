package be.cocon.privacy;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The privacy module's own part: the audit entries about the client (exported with who
 * did what), moved to the replacement id at erasure, and the pending-erasure record. It
 * runs after the other modules, so their erasures are covered, and before the accounts.
 */
@Component
@Order(AuditPersonalData.ORDER)
class AuditPersonalData implements PersonalData {

	static final int ORDER = 1000;

	private final StoreAuditLog log;

	private final ClientAccounts accounts;

	AuditPersonalData(StoreAuditLog log, ClientAccounts accounts) {
		this.log = log;
		this.accounts = accounts;
	}

	@Override
	public String section() {
		return "audit";
	}

	@Override
	public Set<String> collections() {
		return Set.of(StoreAuditLog.COLLECTION, StoreAuditLog.BY_SUBJECT, PendingErasures.COLLECTION);
	}

	@Override
	public Object export(String clientId) {
		List<Document> entries = this.log.allAbout(clientId);
		Set<String> actors = new LinkedHashSet<>();
		entries.forEach((entry) -> actors.add(entry.getString("actorId")));
		Map<String, String> names = this.accounts.pseudonymsOf(actors);
		return entries.stream().map((entry) -> Entry.of(entry, names)).toList();
	}

	@Override
	public void erase(ErasedClient client) {
		this.log.reassign(client);
	}

	/**
	 * One access to the client's data.
	 *
	 * @param at when
	 * @param action what, e.g. {@code programme.view}
	 * @param by who (their pseudonym), or null when the account no longer exists
	 * @param details a few facts (ids)
	 */
	record Entry(Instant at, String action, @Nullable String by, Map<String, Object> details) {

		static Entry of(Document entry, Map<String, String> names) {
			Document details = entry.get("details", Document.class);
			Date at = entry.getDate("at");
			return new Entry(at.toInstant(), entry.getString("action"), names.get(entry.getString("actorId")),
					(details != null) ? new LinkedHashMap<>(details) : Map.of());
		}

	}

}
