package be.cocon.safety;

import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import be.cocon.chat.MessageKind;
import be.cocon.chat.MessagePosted;
import be.cocon.identity.Account;
import be.cocon.identity.Accounts;
import be.cocon.identity.Role;
import be.cocon.identity.UserId;
import be.cocon.programme.RiskSignalled;
import be.cocon.safety.EscalationDocument.Signal;
import be.cocon.safety.EscalationDocument.Source;

/**
 * Runs every text a client writes (chat messages, programme answers) through the risk
 * detector, and turns questionnaire risk items into signals. It runs in the sender's
 * thread before the message is acknowledged, so an acknowledged message has been assessed
 * and the crisis card follows it at once.
 */
@Component
class RiskListener {

	private static final Logger log = LoggerFactory.getLogger(RiskListener.class);

	private static final Set<MessageKind> CLIENT_TEXT = Set.of(MessageKind.TEXT, MessageKind.ANSWER);

	private final RiskDetector detector;

	private final EscalationService escalations;

	private final Accounts accounts;

	private final MeterRegistry meters;

	RiskListener(RiskDetector detector, EscalationService escalations, Accounts accounts, MeterRegistry meters) {
		this.detector = detector;
		this.escalations = escalations;
		this.accounts = accounts;
		this.meters = meters;
	}

	@EventListener
	void on(MessagePosted posted) {
		if (!CLIENT_TEXT.contains(posted.kind())) {
			return;
		}
		try {
			// the rules run in memory; the sender is read from the store only for a text
			// that either language's rules flag, not for every message
			if (!flaggedInEitherLanguage(posted.body())) {
				return;
			}
			Account sender = this.accounts.findById(new UserId(posted.senderId())).orElse(null);
			if (sender == null || !sender.hasRole(Role.CLIENT)) {
				return;
			}
			RiskAssessment risk = assess(posted.body(), sender.locale());
			if (risk.risky()) {
				Source source = (posted.kind() == MessageKind.ANSWER) ? Source.PROGRAMME_ANSWER : Source.CHAT_MESSAGE;
				this.escalations.signal(sender.id().value(),
						new Signal(source, risk.category(), risk.severity(), posted.body(), posted.conversationId(),
								posted.seq(), posted.at(), sender.id().value(), risk.matchedRules()),
						posted.conversationId());
			}
		}
		catch (RuntimeException ex) {
			// the message is stored either way; a failed assessment must be seen, not
			// silently dropped, and must not fail the client's send
			this.meters.counter("cocon.safety.assessment.failures").increment();
			log.error("Risk assessment failed for message {} of conversation {}", posted.seq(), posted.conversationId(),
					ex);
		}
	}

	@EventListener
	void on(RiskSignalled signalled) {
		if (signalled.value() <= 0) {
			return;
		}
		Severity severity = (signalled.value() >= 2) ? Severity.HIGH : Severity.MEDIUM;
		String text = signalled.source() + " = " + signalled.value();
		try {
			this.escalations.signal(
					signalled.clientId(), new Signal(Source.QUESTIONNAIRE, Category.SUICIDE, severity, text,
							signalled.conversationId(), null, signalled.at(), signalled.clientId(), List.of()),
					signalled.conversationId());
		}
		catch (RuntimeException ex) {
			this.meters.counter("cocon.safety.assessment.failures").increment();
			log.error("Escalating {} of enrolment {} failed", signalled.source(), signalled.enrolmentId(), ex);
		}
	}

	/**
	 * Young people switch languages mid-sentence, so a message is also read with the
	 * other language's rules when the client's own language finds nothing.
	 */
	private RiskAssessment assess(String text, String language) {
		return assessBoth(this.detector, text, language);
	}

	private boolean flaggedInEitherLanguage(String text) {
		return this.detector.assess(text, "nl").risky() || this.detector.assess(text, "en").risky();
	}

	static RiskAssessment assessBoth(RiskDetector detector, String text, String language) {
		RiskAssessment risk = detector.assess(text, language);
		if (risk.risky()) {
			return risk;
		}
		return detector.assess(text, "en".equals(language) ? "nl" : "en");
	}

}
