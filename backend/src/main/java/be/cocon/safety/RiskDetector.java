package be.cocon.safety;

import java.util.List;

/**
 * Reads a message a young person wrote and tells whether it signals a risk.
 */
public interface RiskDetector {

	/**
	 * Not a language code: the text is read with every language's rules (young people mix
	 * Dutch and English).
	 */
	String ANY_LANGUAGE = "*";

	/**
	 * Assess one message on its own.
	 * @param text the message as written
	 * @param language {@code "nl"} or {@code "en"}; any other value tries both
	 * @return the assessment, never {@code null}
	 */
	default RiskAssessment assess(String text, String language) {
		return assess(text, language, List.of());
	}

	/**
	 * Assess a message together with the few messages before it in the same conversation:
	 * risk often lies in their combination (a means in one line, a time in the next), and
	 * a harmless explanation can follow an alarming word.
	 * @param text the message as written
	 * @param language {@code "nl"} or {@code "en"}; any other value tries both
	 * @param earlier the preceding messages of the conversation, oldest first (a few, and
	 * recent)
	 * @return the assessment of {@code text} in that context, never {@code null}
	 */
	RiskAssessment assess(String text, String language, List<Turn> earlier);

	/**
	 * An earlier message of the conversation.
	 *
	 * @param text what was written
	 * @param writer whether the writer of the assessed message wrote it (otherwise it is
	 * the other side: the therapist, a moderator or the guide)
	 */
	record Turn(String text, boolean writer) {
	}

}
