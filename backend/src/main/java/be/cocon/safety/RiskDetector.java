package be.cocon.safety;

/**
 * Reads a message a young person wrote and tells whether it signals a risk.
 */
public interface RiskDetector {

	/**
	 * Assess one message.
	 * @param text the message as written
	 * @param language {@code "nl"} or {@code "en"}; any other value tries both
	 * @return the assessment, never {@code null}
	 */
	RiskAssessment assess(String text, String language);

}
