package be.cocon.programme;

import java.time.Instant;

/**
 * An answer in a programme is a risk signal (for example PHQ-9 item 9 answered with 1 or
 * more), for the safety module.
 *
 * @param clientId the client
 * @param enrolmentId the enrolment
 * @param conversationId the guide conversation the questionnaire was answered in
 * @param source what gave the signal, e.g. {@code phq-9:phq9-9}
 * @param value the answer's value
 * @param at when
 */
public record RiskSignalled(String clientId, String enrolmentId, String conversationId, String source, int value,
		Instant at) {
}
