package be.cocon.programme;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;

import be.cocon.chat.GuideMessages;
import be.cocon.identity.Accounts;
import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.identity.UserId;
import be.cocon.programme.EnrolmentDocument.Status;
import be.cocon.support.HttpTestClient;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Content changes never corrupt a running enrolment: it keeps the steps and the
 * questionnaire of the version it started on, while new enrolments get the new version; a
 * content file changed without a raised version stops startup. Each "startup" is a
 * {@link ProgrammeService} over the content in {@code versioned-programmes/<name>/}, on
 * the one store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestTokens.class)
class ProgrammeVersionTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	Enrolments enrolments;

	@Autowired
	StepMessages messages;

	@Autowired
	GuideMessages chat;

	@Autowired
	Accounts accounts;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	Clock clock;

	String client;

	@BeforeEach
	void client() {
		this.client = this.tokens.account(Role.CLIENT).value();
	}

	@Test
	void runningEnrolmentKeepsItsStepsAndQuestionnaireAfterANewVersion() {
		ProgrammeService first = startedWith("v1");
		EnrolmentDocument running = first.enrol(this.client, "test-pinned", this.client);

		ProgrammeService second = startedWith("v2");
		second.answer(this.client, running.id(), "intro", Map.of());
		String questionnaireStep = lastStep(running.conversationId());
		EnrolmentDocument scored = second.answer(this.client, running.id(), "check", Map.of("items", List.of(1, 1)));
		EnrolmentDocument done = second.answer(this.client, running.id(), "closing", Map.of());

		assertThat(questionnaireStep).contains("Answer two (nl)").doesNotContain("Third");
		assertThat(scored.steps().get(1).answer()).containsEntry("score", 2).containsEntry("band", "mild");
		assertThat(done.status()).isEqualTo(Status.COMPLETED);
		assertThat(done.version()).isEqualTo(1);
		assertThat(done.steps()).extracting(EnrolmentDocument.StepRecord::stepId)
			.containsExactly("intro", "check", "closing");
		assertThat(ProgrammeViews.EnrolmentView.of(done, second.pinned(done)).stepsTotal()).isEqualTo(3);

		EnrolmentDocument repeat = second.enrol(this.client, "test-pinned", this.client);
		assertThat(repeat.id()).isEqualTo(running.id());
		assertThat(repeat.run()).isEqualTo(2);
		assertThat(repeat.version()).as("a repeat is a run of the same enrolment, on its version").isEqualTo(1);

		String other = this.tokens.account(Role.CLIENT).value();
		EnrolmentDocument fresh = second.enrol(other, "test-pinned", other);
		assertThat(fresh.version()).isEqualTo(2);
		second.answer(other, fresh.id(), "intro", Map.of());
		assertThat(refusal(() -> second.answer(other, fresh.id(), "check", Map.of("items", List.of(1, 1)))))
			.isEqualTo("answer.items-missing");
		assertThat(second.answer(other, fresh.id(), "check", Map.of("items", List.of(1, 1, 1))).currentStepId())
			.isEqualTo("added");
	}

	@Test
	void programmeChangedWithoutANewVersionStopsStartup() {
		startedWith("v1");

		assertThatIllegalStateException().isThrownBy(() -> startedWith("v1-changed"))
			.withMessageContaining("Programme test-pinned@1 changed")
			.withMessageContaining("raise 'version'");
	}

	@Test
	void questionnaireChangedWithoutANewVersionStopsStartup() {
		startedWith("v1");

		assertThatIllegalStateException().isThrownBy(() -> startedWith("v1-questionnaire-changed"))
			.withMessageContaining("Questionnaire test-scale@1 changed")
			.withMessageContaining("raise 'version'");
	}

	private ProgrammeService startedWith(String content) {
		ProgrammeService service = new ProgrammeService(
				new ContentCatalog("classpath:versioned-programmes/" + content + "/"), this.enrolments, this.messages,
				this.chat, this.accounts, this.events, this.clock);
		service.afterSingletonsInstantiated();
		return service;
	}

	/** The text and data of the newest STEP message, as the client gets it. */
	private String lastStep(String conversationId) {
		JsonNode messages = new HttpTestClient(this.port)
			.get("/api/conversations/" + conversationId + "/messages", "Authorization",
					bearer(this.tokens.tokenFor(new UserId(this.client), Role.CLIENT)))
			.json()
			.get("messages");
		JsonNode last = null;
		for (JsonNode message : messages) {
			if ("STEP".equals(message.get("kind").asString())) {
				last = message;
			}
		}
		assertThat(last).isNotNull();
		return last.toString();
	}

	private static String refusal(Runnable action) {
		return catchThrowableOfType(AnswerProblem.class, action::run).code();
	}

}
