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
 * @param questionnaireName the questionnaire's name as shown to staff, e.g. {@code PHQ-9}
 * @param item the item's number in the questionnaire (1-based), e.g. 9
 * @param maxValue the highest value an answer to the item can have, e.g. 3
 */
public record RiskSignalled(String clientId, String enrolmentId, String conversationId, String source, int value,
		Instant at, String questionnaireName, int item, int maxValue) {
}
