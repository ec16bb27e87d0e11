package be.cocon.safety;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import be.cocon.safety.RiskAssessment.Highlight;
import be.cocon.safety.RiskAssessment.Reason;

/**
 * For tests about the safety workflow, not about detection: the phrases the detector
 * guarantees (docs/safety.md) are assessed as promised whatever state the detector is in,
 * and everything else goes to the real detector. Every call is kept, so a test can see
 * what the detector was given.
 */
@TestConfiguration(proxyBeanMethods = false)
public class GuaranteedPhrases {

	/** Assessed REVIEW (uncertain), in Dutch. */
	public static final String REVIEW_NL = "ik wil gewoon weg van alles";

	/** Assessed REVIEW (uncertain), in English. */
	public static final String REVIEW_EN = "i just want to get away from everything";

	/** Assessed HIGH (suicide: method, plan, timing). */
	public static final String HIGH = "ik heb de pillen klaargelegd voor vannacht";

	/** Assessed as no risk. */
	public static final String NONE = "ik ga dood van het lachen 😂";

	private static final Map<String, RiskAssessment> PROMISED = Map.of(REVIEW_NL,
			new RiskAssessment(Severity.REVIEW, Category.SUICIDE, List.of("test:review"),
					List.of(Reason.PASSIVE_WISH, Reason.UNCERTAIN), List.of(new Highlight(14, 27))),
			REVIEW_EN,
			new RiskAssessment(Severity.REVIEW, Category.SUICIDE, List.of("test:review"),
					List.of(Reason.PASSIVE_WISH, Reason.UNCERTAIN), List.of(new Highlight(15, 39))),
			HIGH,
			new RiskAssessment(Severity.HIGH, Category.SUICIDE, List.of("test:high"),
					List.of(Reason.METHOD, Reason.PLAN, Reason.TIMING),
					List.of(new Highlight(10, 16), new Highlight(17, 28), new Highlight(34, 42))),
			NONE, RiskAssessment.none());

	@Bean
	@Primary
	Recording guaranteedPhrases(List<RiskDetector> detectors) {
		RiskDetector real = detectors.stream()
			.filter((detector) -> !(detector instanceof Recording))
			.findFirst()
			.orElseThrow();
		return new Recording(real);
	}

	/**
	 * The detector as tests see it: the promised phrases, the real detector for the rest.
	 */
	public static final class Recording implements RiskDetector {

		private final RiskDetector real;

		private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

		Recording(RiskDetector real) {
			this.real = real;
		}

		@Override
		public RiskAssessment assess(String text, String language, List<Turn> earlier) {
			this.calls.add(new Call(text, language, List.copyOf(earlier)));
			RiskAssessment promised = PROMISED.get(text.strip().toLowerCase(Locale.ROOT));
			return (promised != null) ? promised : this.real.assess(text, language, earlier);
		}

		/** What the detector was last given for this text. */
		public List<Turn> earlierOf(String text) {
			synchronized (this.calls) {
				for (int i = this.calls.size() - 1; i >= 0; i--) {
					if (this.calls.get(i).text().equals(text)) {
						return this.calls.get(i).earlier();
					}
				}
			}
			throw new AssertionError("The detector was never given " + text);
		}

	}

	record Call(String text, String language, List<RiskDetector.Turn> earlier) {
	}

}
