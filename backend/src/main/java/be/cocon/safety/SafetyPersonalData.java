package be.cocon.safety;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import be.cocon.platform.ApiProblem;
import be.cocon.privacy.ErasedClient;
import be.cocon.privacy.ErasureProperties;
import be.cocon.privacy.ErasureProperties.WhenOpen;
import be.cocon.privacy.PersonalData;
import be.cocon.safety.EscalationDocument.Signal;

/**
 * The escalations about a client. Exported with what raised them and how they ended;
 * moderators' internal notes stay out of the export, like a care giver's personal notes.
 * At erasure, what is still open is refused or closed (as {@link ErasureProperties} say);
 * then every escalation is kept for the moderators' record and the figures, but
 * anonymised under the replacement id (see {@link Escalations#anonymise}).
 */
@Component
class SafetyPersonalData implements PersonalData {

	private final Escalations store;

	private final EscalationService escalations;

	private final ErasureProperties erasure;

	SafetyPersonalData(Escalations store, EscalationService escalations, ErasureProperties erasure) {
		this.store = store;
		this.escalations = escalations;
		this.erasure = erasure;
	}

	@Override
	public String section() {
		return "escalations";
	}

	@Override
	public Set<String> collections() {
		return Set.of(EscalationDocument.COLLECTION, Escalations.HEADS, Escalations.INDEX);
	}

	@Override
	public Object export(String clientId) {
		return this.store.allOf(clientId)
			.stream()
			.sorted(Comparator.comparing(EscalationDocument::openedAt))
			.map(EscalationExport::of)
			.toList();
	}

	@Override
	public void checkErasable(String clientId) {
		for (EscalationDocument escalation : this.store.allOf(clientId)) {
			if (!escalation.isResolved() && policyFor(escalation) == WhenOpen.REFUSE) {
				throw ApiProblem.conflict("erasure.open-escalation",
						"A moderator still has to look at something you shared. You can delete your account once "
								+ "they have. If you need help now, use the help button.");
			}
		}
	}

	@Override
	public void erase(ErasedClient client) {
		List<EscalationDocument> all = this.store.allOf(client.clientId());
		all.stream()
			.filter((escalation) -> !escalation.isResolved())
			.forEach((escalation) -> this.escalations.closeForErasure(escalation.id()));
		for (EscalationDocument escalation : this.store.allOf(client.clientId())) {
			this.store.anonymise(escalation, client);
		}
		this.store.forgetHead(client.clientId());
	}

	private WhenOpen policyFor(EscalationDocument escalation) {
		return escalation.isReview() ? this.erasure.openReview() : this.erasure.openEscalation();
	}

	/**
	 * One escalation.
	 *
	 * @param openedAt when it began
	 * @param status where it stands
	 * @param severity how urgent
	 * @param category what kind of risk, if known
	 * @param signals what raised it
	 * @param resolvedAt when it was closed
	 * @param outcome how it ended
	 */
	record EscalationExport(Instant openedAt, EscalationDocument.Status status, Severity severity,
			@Nullable Category category, List<SignalExport> signals, @Nullable Instant resolvedAt,
			EscalationDocument.@Nullable Outcome outcome) {

		static EscalationExport of(EscalationDocument escalation) {
			return new EscalationExport(escalation.openedAt(), escalation.status(), escalation.severity(),
					escalation.category(), escalation.signalList().stream().map(SignalExport::of).toList(),
					escalation.resolvedAt(), escalation.outcome());
		}

	}

	/**
	 * @param source where it came from
	 * @param at when
	 * @param severity how urgent
	 * @param category what kind of risk, if known
	 * @param text the words (or the therapist's reason) that raised it
	 */
	record SignalExport(EscalationDocument.Source source, Instant at, Severity severity, @Nullable Category category,
			String text) {

		static SignalExport of(Signal signal) {
			return new SignalExport(signal.source(), signal.at(), signal.severity(), signal.category(), signal.text());
		}

	}

}
