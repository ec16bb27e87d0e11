package be.cocon.safety;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
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

	/**
	 * Whether a sender is a client, remembered for a while: roles change rarely, and a
	 * sender who was a client a minute ago is still assessed (and checked once more in
	 * the store before anything is escalated).
	 */
	private final LoadingCache<String, Boolean> clients;

	RiskListener(RiskDetector detector, EscalationService escalations, Accounts accounts, RecentMessages recent,
			MeterRegistry meters) {
		this.detector = detector;
		this.escalations = escalations;
		this.accounts = accounts;
		this.recent = recent;
		this.meters = meters;
		this.clients = Caffeine.newBuilder()
			.maximumSize(20_000)
			.expireAfterWrite(Duration.ofMinutes(1))
			.build((senderId) -> accounts.findById(new UserId(senderId))
				.map((account) -> account.hasRole(Role.CLIENT))
				.orElse(false));
	}

	@EventListener
	void on(MessagePosted posted) {
		if (!TEXT.contains(posted.kind())) {
			return;
		}
		try {
			// every side's text is context for the next message, whoever writes it
			List<Turn> earlier = this.recent.next(posted);
			String words = ownWords(posted);
			if (words == null) {
				return;
			}
			// only a client's words are assessed (staff write too, half of all text); the
			// detector reads Dutch and English together (young people mix them)
			if (!this.clients.get(posted.senderId())) {
				return;
			}
			RiskAssessment risk = this.detector.assess(words, RiskDetector.ANY_LANGUAGE, earlier);
			if (!risk.flagged()) {
				return;
			}
			Account sender = this.accounts.findById(new UserId(posted.senderId())).orElse(null);
			if (sender == null || !sender.hasRole(Role.CLIENT)) {
				return;
			}
			Source source = (posted.kind() == MessageKind.ANSWER) ? Source.PROGRAMME_ANSWER : Source.CHAT_MESSAGE;
			this.escalations.signal(sender.id().value(), Signal.detected(source, risk, words, posted.conversationId(),
					posted.seq(), posted.at(), sender.id().value()), posted.conversationId());
		}
		catch (RuntimeException ex) {
			// the message is stored either way; a failed assessment must be seen, not
			// silently dropped, and must not fail the client's send
			this.meters.counter("cocon.safety.assessment.failures").increment();
			log.error("Risk assessment failed for message {} of conversation {}", posted.seq(), posted.conversationId(),
					ex);
		}
	}

	/**
	 * What the client wrote in their own words: a chat message's text, or the text of a
	 * free-text or journal answer ({@code data.answer.text}). A chosen option, a scale
	 * value or a finished timer is the programme's wording, not the client's, and is not
	 * read (its risk items, such as PHQ-9 item 9, arrive as {@link RiskSignalled}).
	 */
	private static @Nullable String ownWords(MessagePosted posted) {
		if (posted.kind() == MessageKind.TEXT) {
			return posted.body();
		}
		if (posted.data() != null && posted.data().get("answer") instanceof Map<?, ?> answer
				&& answer.get("text") instanceof String text && !text.isBlank()) {
			return text;
		}
		return null;
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

}
