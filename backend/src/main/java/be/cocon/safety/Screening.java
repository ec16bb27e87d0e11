package be.cocon.safety;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import be.cocon.identity.Account;
import be.cocon.identity.Accounts;
import be.cocon.identity.UserId;
import be.cocon.safety.EscalationDocument.Signal;
import be.cocon.safety.EscalationDocument.Source;
import be.cocon.safety.EscalationDocument.Status;

@Component
class Screening implements RiskScreening {

	private final RiskDetector detector;

	private final EscalationService escalations;

	private final Accounts accounts;

	Screening(RiskDetector detector, EscalationService escalations, Accounts accounts) {
		this.detector = detector;
		this.escalations = escalations;
		this.accounts = accounts;
	}

	@Override
	public Optional<CrisisCard> screen(String clientId, String text, ScreenedText source, Instant at) {
		Account client = this.accounts.findById(new UserId(clientId)).orElse(null);
		if (client == null) {
			return Optional.empty();
		}
		RiskAssessment risk = this.detector.assess(text, RiskDetector.ANY_LANGUAGE);
		if (!risk.flagged()) {
			return Optional.empty();
		}
		Signal signal = Signal.detected(Source.valueOf(source.name()), risk, text, null, null, at, clientId);
		CrisisCard card = this.escalations.signal(clientId, signal, null).card();
		// an uncertain note becomes a quiet review item; the client sees nothing
		return risk.risky() ? Optional.of(card) : Optional.empty();
	}

	@Override
	public List<OpenEscalation> openFor(Collection<String> clientIds) {
		return this.escalations.unresolvedDocumentsOf(clientIds)
			.stream()
			.map((escalation) -> new OpenEscalation(escalation.clientId(), escalation.id(), escalation.severity(),
					escalation.status() == Status.CLAIMED))
			.toList();
	}

}
