package be.cocon.programme;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import be.cocon.programme.Content.Programme;
import be.cocon.programme.Content.Questionnaire;
import be.cocon.programme.Content.Step;

/**
 * One programme version as an enrolment sees it: its steps and the questionnaires pinned
 * to that version (as they were when the version was first stored), so neither changes
 * under a running enrolment.
 *
 * @param programme the programme version
 * @param questionnaires the pinned questionnaires it uses, by id
 */
record PinnedContent(Programme programme, Map<String, Questionnaire> questionnaires) {

	@Nullable Questionnaire questionnaireOf(Step step) {
		return (step.questionnaire() != null) ? this.questionnaires.get(step.questionnaire()) : null;
	}

}
