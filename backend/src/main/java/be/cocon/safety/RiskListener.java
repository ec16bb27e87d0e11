package be.cocon.safety;

import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
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
import be.cocon.safety.EscalationDocument.Answered;
import be.cocon.safety.EscalationDocument.Signal;
import be.cocon.safety.EscalationDocument.Source;
import be.cocon.safety.RiskDetector.Turn;

/**
 * Runs every text a client writes (chat messages, programme answers) through the risk
 * detector, together with the few messages before it in the conversation, and turns
 * questionnaire risk items into signals. It runs in the sender's thread before the
 * message is acknowledged, so an acknowledged message has been assessed and the crisis
 * card, if any, was sent before the acknowledgement.
 */
@Component
class RiskListener {

	private static final Logger log = LoggerFactory.getLogger(RiskListener.class);

	private static final Set<MessageKind> TEXT = Set.of(MessageKind.TEXT, MessageKind.ANSWER);

	private final RiskDetector detector;

	private final EscalationService escalations;

	private final Accounts accounts;

	private final RecentMessages recent;

	private final MeterRegistry meters;

	RiskListener(RiskDetector detector, EscalationService escalations, Accounts accounts, RecentMessages recent,
			MeterRegistry meters) {
		this.detector = detector;
		this.escalations = escalations;
		this.accounts = accounts;
		this.recent = recent;
		this.meters = meters;
	}

	@EventListener
	void on(MessagePosted posted) {
		if (!TEXT.contains(posted.kind())) {
			return;
		}
		try {
			// every side's text is context for the next message, whoever writes it
			List<Turn> earlier = this.recent.next(posted);
			Reading reading = new Reading(this.detector, posted.body(), earlier);
			// the rules run in memory; the sender is read from the store only for a text
			// that either language flags, not for every message
			if (!reading.get("nl").flagged() && !reading.get("en").flagged()) {
				return;
			}
			Account sender = this.accounts.findById(new UserId(posted.senderId())).orElse(null);
			if (sender == null || !sender.hasRole(Role.CLIENT)) {
				return;
			}
			RiskAssessment risk = reading.inLanguageOf(sender.locale());
			if (risk.flagged()) {
				Source source = (posted.kind() == MessageKind.ANSWER) ? Source.PROGRAMME_ANSWER : Source.CHAT_MESSAGE;
				this.escalations.signal(sender.id().value(), Signal.detected(source, risk, posted.body(),
						posted.conversationId(), posted.seq(), posted.at(), sender.id().value()),
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
		Signal signal = new Signal(Source.QUESTIONNAIRE, Category.SUICIDE, severity, text, signalled.conversationId(),
				null, signalled.at(), signalled.clientId(), List.of(), List.of(), List.of(), answered(signalled),
				false);
		try {
			this.escalations.signal(signalled.clientId(), signal, signalled.conversationId());
		}
		catch (RuntimeException ex) {
			this.meters.counter("cocon.safety.assessment.failures").increment();
			log.error("Escalating {} of enrolment {} failed", signalled.source(), signalled.enrolmentId(), ex);
		}
	}

	private static Answered answered(RiskSignalled signalled) {
		return new Answered(signalled.questionnaireName(), signalled.item(), signalled.value(), signalled.maxValue());
	}

	/**
	 * Young people switch languages mid-sentence, so a message is read with the client's
	 * language first and, when that finds nothing or only something uncertain, with the
	 * other language too; the more urgent reading counts.
	 */
	static RiskAssessment assessBoth(RiskDetector detector, String text, String language, List<Turn> earlier) {
		return new Reading(detector, text, earlier).inLanguageOf(language);
	}

	/** One message read in each language at most once. */
	private static final class Reading {

		private final RiskDetector detector;

		private final String text;

		private final List<Turn> earlier;

		private @Nullable RiskAssessment nl;

		private @Nullable RiskAssessment en;

		Reading(RiskDetector detector, String text, List<Turn> earlier) {
			this.detector = detector;
			this.text = text;
			this.earlier = earlier;
		}

		RiskAssessment get(String language) {
			if ("en".equals(language)) {
				if (this.en == null) {
					this.en = this.detector.assess(this.text, "en", this.earlier);
				}
				return this.en;
			}
			if (this.nl == null) {
				this.nl = this.detector.assess(this.text, "nl", this.earlier);
			}
			return this.nl;
		}

		RiskAssessment inLanguageOf(String language) {
			String own = "en".equals(language) ? "en" : "nl";
			RiskAssessment first = get(own);
			if (first.risky()) {
				return first;
			}
			RiskAssessment other = get("en".equals(own) ? "nl" : "en");
			return (other.risky() || !first.flagged()) ? other : first;
		}

	}

}
