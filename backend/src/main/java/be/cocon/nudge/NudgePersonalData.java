package be.cocon.nudge;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import be.cocon.identity.Account;
import be.cocon.identity.Accounts;
import be.cocon.identity.UserId;
import be.cocon.privacy.ErasedClient;
import be.cocon.privacy.PersonalData;

/**
 * The nudges made for a client (sent, planned, suggested, turned down) and the adaptive
 * settings their therapist chose for them; deleted at erasure, also from the job's
 * indexes. A therapist's templates hold no client data and stay.
 */
@Component
class NudgePersonalData implements PersonalData {

	private final Nudges nudges;

	private final Accounts accounts;

	NudgePersonalData(Nudges nudges, Accounts accounts) {
		this.nudges = nudges;
		this.accounts = accounts;
	}

	@Override
	public String section() {
		return "nudges";
	}

	@Override
	public Set<String> collections() {
		return Set.of(NudgeDocument.COLLECTION, Nudges.INDEX, AdaptiveSettings.COLLECTION);
	}

	@Override
	public Object export(String clientId) {
		List<NudgeDocument> all = this.nudges.allOf(clientId)
			.stream()
			.sorted(Comparator.comparing(NudgeDocument::createdAt))
			.toList();
		AdaptiveSettings adaptive = this.nudges.settingsOf(clientId).orElse(null);
		Set<String> therapists = new LinkedHashSet<>();
		all.forEach((nudge) -> therapists.add(nudge.therapistId()));
		if (adaptive != null) {
			therapists.add(adaptive.therapistId());
		}
		Map<String, String> names = this.accounts.findAll(therapists.stream().map(UserId::new).toList())
			.stream()
			.collect(Collectors.toMap((account) -> account.id().value(), Account::pseudonym));
		return new NudgesExport(
				all.stream()
					.map((nudge) -> new NudgeExport(nudge.text(), names.get(nudge.therapistId()), nudge.status(),
							nudge.origin(), nudge.reason(), nudge.createdAt(), nudge.sendAt(), nudge.sentAt()))
					.toList(),
				(adaptive != null)
						? new AdaptiveExport(adaptive.enabled(), adaptive.mode(), names.get(adaptive.therapistId()),
								adaptive.inactiveDays(), adaptive.stalledDays(), adaptive.missedCheckinDays(),
								adaptive.quietStart(), adaptive.quietEnd(), adaptive.minHoursBetween())
						: null);
	}

	@Override
	public void erase(ErasedClient client) {
		this.nudges.deleteAllOf(client.clientId());
	}

	/**
	 * @param nudges every nudge, oldest first
	 * @param adaptive the automatic nudges set for the client, or null
	 */
	record NudgesExport(List<NudgeExport> nudges, @Nullable AdaptiveExport adaptive) {
	}

	/**
	 * @param text what it says
	 * @param from the therapist (pseudonym), or null when that account no longer exists
	 * @param status where it stands
	 * @param origin written by the therapist or made automatically
	 * @param reason why an automatic one was made
	 * @param createdAt when it was made
	 * @param sendAt when it is (or was) due
	 * @param sentAt when it reached the chat
	 */
	record NudgeExport(String text, @Nullable String from, NudgeDocument.Status status, NudgeDocument.Origin origin,
			NudgeDocument.@Nullable Reason reason, Instant createdAt, Instant sendAt, @Nullable Instant sentAt) {
	}

	record AdaptiveExport(boolean enabled, AdaptiveSettings.Mode mode, @Nullable String by, int inactiveDays,
			int stalledDays, int missedCheckinDays, String quietStart, String quietEnd, int minHoursBetween) {
	}

}
