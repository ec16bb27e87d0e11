package be.cocon.programme;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.identity.UserId;
import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;
import be.cocon.support.StompTestClient;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client works through programmes in the chat, over STOMP: every step arrives as a STEP
 * message in the guide conversation and is answered live; invalid answers change nothing;
 * after a reconnect the client resumes where they were.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestTokens.class)
class ProgrammeStompTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	Enrolments enrolments;

	UserId client;

	UserId therapist;

	String clientToken;

	HttpTestClient http;

	final List<StompTestClient> open = new ArrayList<>();

	@BeforeEach
	void client() {
		this.client = this.tokens.account(Role.CLIENT);
		this.therapist = this.tokens.account(Role.THERAPIST);
		this.tokens.assign(this.client, this.therapist);
		this.clientToken = this.tokens.tokenFor(this.client, Role.CLIENT);
		this.http = new HttpTestClient(this.port);
	}

	@AfterEach
	void close() {
		this.open.forEach(StompTestClient::close);
	}

	@Test
	void wholeProgrammeIsCompletedInTheChatThenAnotherIsResumedAfterReconnecting() throws Exception {
		StompTestClient stomp = connect();
		JsonNode enrolment = enrol("stress-and-relaxation");
		String id = enrolment.get("id").asString();

		int answered = 0;
		int lastTotal = Integer.MAX_VALUE;
		JsonNode message = nextOfKind(stomp, "STEP");
		while (message != null) {
			assertThat(message.at("/data/position").asInt()).as("step n of total counts along").isEqualTo(answered + 1);
			assertThat(message.at("/data/total").asInt()).isLessThanOrEqualTo(lastTotal);
			lastTotal = message.at("/data/total").asInt();
			answerLive(stomp, id, message.get("data"));
			assertThat(nextOfKind(stomp, "ANSWER").get("senderId").asString()).isEqualTo(this.client.value());
			answered++;
			JsonNode next = nextOfKind(stomp, "STEP", "NOTICE");
			message = "STEP".equals(next.get("kind").asString()) ? next : null;
		}

		JsonNode done = get("/api/enrolments/" + id);
		assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(done.get("stepsDone").asInt()).isEqualTo(done.get("stepsTotal").asInt()).isEqualTo(answered);
		assertThat(done.get("currentStepId").isNull()).as("a completed enrolment has no current step").isTrue();
		assertThat(done.get("answers").size()).isEqualTo(answered);
		for (JsonNode answer : done.get("answers")) {
			if ("SINGLE_CHOICE".equals(answer.get("kind").asString())) {
				String chosen = answer.get("answer").get("option").asString();
				assertThat(answer.get("optionLabels").get(chosen).get("nl").asString()).isNotBlank();
			}
		}

		JsonNode second = enrol("worrying-less");
		String secondId = second.get("id").asString();
		answerLive(stomp, secondId, nextOfKind(stomp, "STEP").get("data"));
		JsonNode waiting = nextOfKind(stomp, "STEP");
		long lastSeen = waiting.get("seq").asLong();
		stomp.close();

		StompTestClient back = connect();
		JsonNode resumed = get("/api/enrolments/" + secondId);
		assertThat(resumed.get("currentStepId").asString()).isEqualTo(waiting.get("data").get("stepId").asString());
		JsonNode missed = get(
				"/api/conversations/" + second.get("conversationId").asString() + "/messages?after=" + (lastSeen - 1));
		assertThat(missed.get("messages").get(0).get("data").get("stepId").asString())
			.isEqualTo(resumed.get("currentStepId").asString());
		answerLive(back, secondId, waiting.get("data"));
		assertThat(nextOfKind(back, "ANSWER").get("data").get("stepId").asString())
			.isEqualTo(waiting.get("data").get("stepId").asString());
		assertThat(get("/api/enrolments/" + secondId).get("answers").size()).isEqualTo(2);
	}

	@Test
	void completionNoticeSummarisesTheRunWithQuestionnaireScores() throws Exception {
		StompTestClient stomp = connect();
		JsonNode enrolment = enrol("sleeping-better");

		JsonNode summary = complete(stomp, enrolment.get("id").asString()).get("data").get("summary");

		JsonNode done = get("/api/enrolments/" + enrolment.get("id").asString());
		assertThat(summary.get("stepsDone").asInt()).isEqualTo(done.get("answers").size());
		assertThat(summary.get("completedAt").asString()).isEqualTo(done.get("completedAt").asString());
		assertThat(summary.get("exerciseSeconds").asInt()).isPositive();
		JsonNode phq9 = summary.get("scores").get(0);
		assertThat(phq9.get("questionnaire").asString()).isEqualTo("phq-9");
		assertThat(phq9.get("score").asInt()).isEqualTo(9);
		assertThat(phq9.get("maxScore").asInt()).isEqualTo(27);
		assertThat(phq9.get("band").asString()).isEqualTo("mild");
		assertThat(phq9.get("bandLabel").asString()).isNotBlank();
		// item 9 answered 1 of 3 is a risk signal, named by questionnaire and item
		JsonNode signal = this.http
			.get("/api/caseload/escalations", "Authorization",
					bearer(this.tokens.tokenFor(this.therapist, Role.THERAPIST)))
			.json()
			.get(0)
			.get("lastSignal");
		assertThat(signal.get("source").asString()).isEqualTo("QUESTIONNAIRE");
		assertThat(signal.get("severity").asString()).isEqualTo("MEDIUM");
		assertThat(signal.at("/questionnaire/name").asString()).isEqualTo("PHQ-9");
		assertThat(signal.at("/questionnaire/item").asInt()).isEqualTo(9);
		assertThat(signal.at("/questionnaire/value").asInt()).isEqualTo(1);
		assertThat(signal.at("/questionnaire/max").asInt()).isEqualTo(3);
	}

	@Test
	void riskyTextInAnAnswerShowsTheCrisisCardAndEscalates() throws Exception {
		StompTestClient stomp = connect();
		String id = enrol("stress-and-relaxation").get("id").asString();
		JsonNode step = nextOfKind(stomp, "STEP").get("data");
		while (!List.of("FREE_TEXT", "JOURNAL").contains(step.get("kind").asString())) {
			answerLive(stomp, id, step);
			step = nextOfKind(stomp, "STEP").get("data");
		}

		stomp.send("/app/enrolments/" + id + "/answers",
				JSON.writeValueAsString(Map.of("stepId", step.get("stepId").asString(), "answer",
						Map.of("text", "ik wil niet meer leven, ik heb alles al geregeld"))));

		assertThat(nextOfKind(stomp, "ANSWER").get("senderId").asString()).isEqualTo(this.client.value());
		JsonNode card = stomp.next("/user/queue/messages");
		assertThat(card.get("kind").asString()).isEqualTo("NOTICE");
		assertThat(card.at("/data/notice").asString()).isEqualTo("crisis");
		JsonNode escalations = this.http
			.get("/api/caseload/escalations", "Authorization",
					bearer(this.tokens.tokenFor(this.therapist, Role.THERAPIST)))
			.json();
		assertThat(escalations.get(0).at("/lastSignal/source").asString()).isEqualTo("PROGRAMME_ANSWER");
		assertThat(escalations.get(0).get("category").asString()).isEqualTo("SUICIDE");
	}

	@Test
	void invalidAnswersGetAnErrorAndChangeNothing() throws Exception {
		StompTestClient stomp = connect();
		JsonNode enrolment = enrol("stress-and-relaxation");
		String id = enrolment.get("id").asString();
		answerLive(stomp, id, nextOfKind(stomp, "STEP").get("data"));
		answerLive(stomp, id, nextOfKind(stomp, "STEP").get("data"));
		JsonNode scale = nextOfKind(stomp, "STEP").get("data");
		assertThat(scale.get("kind").asString()).isEqualTo("SCALE");

		assertThat(refused(stomp, id, scale.get("stepId").asString(), Map.of("value", 11)))
			.isEqualTo("answer.out-of-range");
		assertThat(refused(stomp, id, "welcome", Map.of())).isEqualTo("answer.already-given");
		assertThat(refused(stomp, id, "closing", Map.of())).isEqualTo("answer.not-current-step");
		Response outOfRange = answerOverRest(id, scale.get("stepId").asString(), "{\"value\":-1}");
		assertThat(outOfRange.status()).isEqualTo(400);
		assertThat(outOfRange.json().get("code").asString()).isEqualTo("answer.out-of-range");
		JsonNode unchanged = get("/api/enrolments/" + id);
		assertThat(unchanged.get("currentStepId").asString()).isEqualTo(scale.get("stepId").asString());
		assertThat(unchanged.get("answers").size()).isEqualTo(2);
		assertThat(unchanged.get("answers").get(1).get("optionLabels").isObject()).isTrue();

		answerLive(stomp, id, scale);
		JsonNode step = nextOfKind(stomp, "STEP").get("data");
		while (!"SINGLE_CHOICE".equals(step.get("kind").asString())) {
			answerLive(stomp, id, step);
			step = nextOfKind(stomp, "STEP").get("data");
		}
		String choice = step.get("stepId").asString();
		assertThat(refused(stomp, id, choice, Map.of("option", "nope"))).isEqualTo("answer.unknown-option");
		Response unknownOption = answerOverRest(id, choice, "{\"option\":\"nope\"}");
		assertThat(unknownOption.status()).isEqualTo(400);
		assertThat(unknownOption.json().get("code").asString()).isEqualTo("answer.unknown-option");
		assertThat(get("/api/enrolments/" + id).get("currentStepId").asString()).isEqualTo(choice);
	}

	@Test
	void textAnswersAreCountedInCharactersNotUtf16Units() throws Exception {
		StompTestClient stomp = connect();
		String id = enrol("stress-and-relaxation").get("id").asString();
		JsonNode step = nextOfKind(stomp, "STEP").get("data");
		while (!"FREE_TEXT".equals(step.get("kind").asString())) {
			answerLive(stomp, id, step);
			step = nextOfKind(stomp, "STEP").get("data");
		}
		String stepId = step.get("stepId").asString();

		assertThat(refused(stomp, id, stepId, Map.of("text", "🌱".repeat(StepEngine.MAX_FREE_TEXT + 1))))
			.isEqualTo("answer.text-too-long");
		// over REST: the test's STOMP client cannot receive a frame that large (8 KB
		// buffer)
		Response longest = answerOverRest(id, stepId,
				JSON.writeValueAsString(Map.of("text", "🌱".repeat(StepEngine.MAX_FREE_TEXT))));

		assertThat(longest.status()).as(longest.body()).isEqualTo(200);
		JsonNode answers = longest.json().get("answers");
		assertThat(answers.get(answers.size() - 1).at("/answer/text").asString()).hasSize(2 * StepEngine.MAX_FREE_TEXT);
		String therapistToken = bearer(this.tokens.tokenFor(this.therapist, Role.THERAPIST));
		String path = "/api/enrolments/" + id + "/steps/" + stepId + "/comments";
		Response tooLong = this.http.postJson(path,
				JSON.writeValueAsString(Map.of("text", "👍".repeat(ProgrammeService.MAX_COMMENT + 1), "run", 1)),
				"Authorization", therapistToken);
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.json().get("code").asString()).isEqualTo("comment.too-long");
		Response longestComment = this.http.postJson(path,
				JSON.writeValueAsString(Map.of("text", "👍".repeat(ProgrammeService.MAX_COMMENT), "run", 1)),
				"Authorization", therapistToken);
		assertThat(longestComment.status()).as(longestComment.body()).isEqualTo(201);
	}

	@Test
	void leavingStopsAnOpenEnrolmentOnceAndFreesTheProgramme() throws Exception {
		String id = enrol("worrying-less").get("id").asString();

		Response left = act(id, "leave");
		Response again = act(id, "leave");
		Response restart = act(id, "restart");

		assertThat(left.status()).isEqualTo(200);
		assertThat(left.json().get("status").asString()).isEqualTo("LEFT");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("code").asString()).isEqualTo("enrolment.left");
		assertThat(restart.status()).isEqualTo(409);
		assertThat(restart.json().get("code").asString()).isEqualTo("enrolment.left");
		enrol("worrying-less");
	}

	@Test
	void completedEnrolmentCannotBeLeftNorRestartedWhileAnotherOneIsOpen() throws Exception {
		StompTestClient stomp = connect();
		String completed = enrol("stress-and-relaxation").get("id").asString();
		int answered = complete(stomp, completed).at("/data/summary/stepsDone").asInt();
		// older data can hold a second, open enrolment of the same programme
		assertThat(this.enrolments.claimOpen(this.client.value(), "stress-and-relaxation", "older-duplicate")).isTrue();

		Response leave = act(completed, "leave");
		assertThat(leave.status()).isEqualTo(409);
		assertThat(leave.json().get("code").asString()).isEqualTo("enrolment.completed");
		Response restart = act(completed, "restart");
		assertThat(restart.status()).isEqualTo(409);
		assertThat(restart.json().get("code").asString()).isEqualTo("enrolment.exists");
		assertThat(enrolAgain("stress-and-relaxation").json().get("code").asString())
			.as("neither a repeat nor a new enrolment while another one is open")
			.isEqualTo("enrolment.exists");
		assertThat(get("/api/enrolments/" + completed).get("status").asString()).isEqualTo("COMPLETED");

		this.enrolments.releaseOpen(this.client.value(), "stress-and-relaxation", "older-duplicate");
		Response restarted = act(completed, "restart");
		assertThat(restarted.status()).as(restarted.body()).isEqualTo(200);
		assertThat(restarted.json().get("status").asString()).isEqualTo("ACTIVE");
		assertThat(restarted.json().get("run").asInt()).isEqualTo(2);
		assertThat(restarted.json().get("completedAt").isNull()).as("a new run is not completed").isTrue();
		assertThat(restarted.json().get("answers").size()).as("the first run's answers are kept").isEqualTo(answered);
		JsonNode first = nextOfKind(stomp, "STEP");
		assertThat(first.get("data").get("stepId").asString()).isEqualTo("welcome");
		assertThat(enrolAgain("stress-and-relaxation").json().get("code").asString()).isEqualTo("enrolment.exists");
	}

	@Test
	void startingACompletedProgrammeAgainIsItsNextRunInTheSamePlace() throws Exception {
		StompTestClient stomp = connect();
		JsonNode firstRun = enrol("sleeping-better");
		String id = firstRun.get("id").asString();
		complete(stomp, id);
		JsonNode runOne = get("/api/enrolments/" + id);

		Response again = enrolAgain("sleeping-better");

		assertThat(again.status()).as("a repeat changes the enrolment: " + again.body()).isEqualTo(200);
		JsonNode repeat = again.json();
		assertThat(repeat.get("id").asString()).isEqualTo(id);
		assertThat(repeat.get("conversationId").asString()).isEqualTo(firstRun.get("conversationId").asString());
		assertThat(repeat.get("run").asInt()).isEqualTo(2);
		assertThat(repeat.get("status").asString()).isEqualTo("ACTIVE");
		assertThat(repeat.get("stepsDone").asInt()).isZero();
		assertThat(repeat.get("answers")).as("the first run's answers are kept and readable")
			.isEqualTo(runOne.get("answers"));
		assertThat(get("/api/enrolments").size()).as("one entry for the programme").isEqualTo(1);
		List<String> guides = new ArrayList<>();
		get("/api/conversations").forEach((conversation) -> {
			if ("GUIDE".equals(conversation.get("kind").asString())) {
				guides.add(conversation.get("id").asString());
			}
		});
		assertThat(guides).as("one guide conversation in the chat list")
			.containsExactly(firstRun.get("conversationId").asString());
		Response twice = enrolAgain("sleeping-better");
		assertThat(twice.status()).as("an unfinished run cannot be started twice").isEqualTo(409);
		assertThat(twice.json().get("code").asString()).isEqualTo("enrolment.exists");

		complete(stomp, id);
		String therapistToken = bearer(this.tokens.tokenFor(this.therapist, Role.THERAPIST));
		JsonNode seen = this.http.get("/api/clients/" + this.client + "/enrolments", "Authorization", therapistToken)
			.json();
		assertThat(seen.size()).isEqualTo(1);
		JsonNode scores = seen.get(0).get("scores");
		assertThat(scores.findValuesAsString("questionnaire")).containsExactly("phq-9", "phq-9");
		assertThat(scores.findValuesAsString("run")).containsExactly("1", "2");
		assertThat(seen.get(0).get("answers").findValuesAsString("run")).containsOnly("1", "2");
		JsonNode phq9 = seen.get(0).get("questionnaires").get(0);
		assertThat(phq9.get("id").asString()).isEqualTo("phq-9");
		assertThat(phq9.get("maxScore").asInt()).isEqualTo(27);
		assertThat(phq9.get("bands").findValuesAsString("id")).containsExactly("minimal", "mild", "moderate",
				"moderately-severe", "severe");
		assertThat(phq9.get("bands").get(0).get("min").asInt()).isZero();
		assertThat(phq9.get("bands").get(0).at("/label/nl").asString()).isNotBlank();
	}

	@Test
	void therapistSeesAndCommentsOnAnswersOfAnEarlierRun() throws Exception {
		StompTestClient stomp = connect();
		String id = enrol("stress-and-relaxation").get("id").asString();
		int answered = complete(stomp, id).at("/data/summary/stepsDone").asInt();
		assertThat(act(id, "restart").status()).isEqualTo(200);
		answerLive(stomp, id, nextOfKind(stomp, "STEP").get("data"));
		nextOfKind(stomp, "ANSWER");
		String therapistToken = bearer(this.tokens.tokenFor(this.therapist, Role.THERAPIST));

		JsonNode seen = this.http.get("/api/clients/" + this.client + "/enrolments", "Authorization", therapistToken)
			.json()
			.get(0);
		assertThat(seen.get("answers").size()).isEqualTo(answered + 1);
		assertThat(seen.get("answers").findValuesAsString("run")).containsOnly("1", "2");
		assertThat(seen.get("stepsDone").asInt()).as("steps done counts the current run").isEqualTo(1);
		Response comment = this.http.postJson("/api/enrolments/" + id + "/steps/stress-triggers/comments",
				"{\"text\":\"Over je eerste keer: goed opgeschreven.\",\"run\":1}", "Authorization", therapistToken);
		assertThat(comment.status()).as(comment.body()).isEqualTo(201);

		assertThat(nextOfKind(stomp, "FEEDBACK").get("body").asString())
			.isEqualTo("Over je eerste keer: goed opgeschreven.");
		JsonNode earlier = this.http.get("/api/clients/" + this.client + "/enrolments", "Authorization", therapistToken)
			.json()
			.get(0)
			.get("answers");
		for (JsonNode answer : earlier) {
			boolean target = "stress-triggers".equals(answer.get("stepId").asString())
					&& answer.get("run").asInt() == 1;
			assertThat(answer.get("comments").size()).as(answer.get("stepId").asString()).isEqualTo(target ? 1 : 0);
		}
		Response unanswered = this.http.postJson("/api/enrolments/" + id + "/steps/stress-triggers/comments",
				"{\"text\":\"Nog niet beantwoord\",\"run\":2}", "Authorization", therapistToken);
		assertThat(unanswered.status()).isEqualTo(404);
		assertThat(unanswered.json().get("code").asString()).isEqualTo("step.not-answered");
	}

	@Test
	void pausedProgrammeRefusesAnswersUntilResumed() throws Exception {
		StompTestClient stomp = connect();
		String id = enrol("sleeping-better").get("id").asString();
		JsonNode step = nextOfKind(stomp, "STEP").get("data");

		this.http.postJson("/api/enrolments/" + id + "/pause", "", "Authorization", bearer(this.clientToken));
		assertThat(refused(stomp, id, step.get("stepId").asString(), Map.of())).isEqualTo("enrolment.paused");
		this.http.postJson("/api/enrolments/" + id + "/resume", "", "Authorization", bearer(this.clientToken));
		answerLive(stomp, id, step);

		assertThat(nextOfKind(stomp, "ANSWER")).isNotNull();
	}

	@Test
	void enrollingTwiceInTheSameProgrammeIsAConflict() {
		enrol("worrying-less");

		Response again = this.http.postJson("/api/enrolments", "{\"programmeId\":\"worrying-less\"}", "Authorization",
				bearer(this.clientToken));

		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("code").asString()).isEqualTo("enrolment.exists");
	}

	@Test
	void therapistSeesProgressAndCommentsAppearInTheGuideConversation() throws Exception {
		StompTestClient stomp = connect();
		JsonNode enrolment = enrol("stress-and-relaxation");
		String id = enrolment.get("id").asString();
		answerLive(stomp, id, nextOfKind(stomp, "STEP").get("data"));
		nextOfKind(stomp, "ANSWER");
		String therapistToken = bearer(this.tokens.tokenFor(this.therapist, Role.THERAPIST));

		JsonNode seen = this.http.get("/api/clients/" + this.client + "/enrolments", "Authorization", therapistToken)
			.json();
		assertThat(seen.get(0).get("answers").get(0).get("stepId").asString()).isEqualTo("welcome");
		assertThat(seen.get(0).get("answers").get(0).get("optionLabels").size()).isZero();
		Response comment = this.http.postJson("/api/enrolments/" + id + "/steps/welcome/comments",
				"{\"text\":\"Mooi dat je begint!\",\"run\":1}", "Authorization", therapistToken);
		assertThat(comment.status()).as(comment.body()).isEqualTo(201);

		JsonNode feedback = nextOfKind(stomp, "FEEDBACK");
		assertThat(feedback.get("body").asString()).isEqualTo("Mooi dat je begint!");
		assertThat(feedback.get("senderId").asString()).isEqualTo(this.therapist.value());
		assertThat(feedback.at("/data/stepId").asString()).isEqualTo("welcome");
		assertThat(feedback.at("/data/run").asInt()).isEqualTo(1);
		assertThat(feedback.at("/data/module").asString()).as("the module, in the client's language")
			.isEqualTo("Wat is stress?");
		JsonNode audit = this.http
			.get("/api/admin/audit/" + this.client, "Authorization", bearer(this.tokens.tokenFor(Role.ADMIN)))
			.json();
		assertThat(audit.findValuesAsString("action")).containsExactly("programme.comment", "programme.view");
		assertThat(audit.get(0).get("actorId").asString()).isEqualTo(this.therapist.value());
		assertThat(audit.get(0).get("details").get("enrolmentId").asString()).isEqualTo(id);
		String outsider = bearer(this.tokens.tokenFor(Role.THERAPIST));
		assertThat(this.http.get("/api/clients/" + this.client + "/enrolments", "Authorization", outsider).status())
			.isEqualTo(403);
	}

	@Test
	void formerTherapistLosesTheGuideConversationWhenTheClientMovesToAnotherTherapist() throws Exception {
		StompTestClient stomp = connect();
		JsonNode enrolment = enrol("stress-and-relaxation");
		String id = enrolment.get("id").asString();
		String guide = enrolment.get("conversationId").asString();
		answerLive(stomp, id, nextOfKind(stomp, "STEP").get("data"));
		nextOfKind(stomp, "ANSWER");
		JsonNode second = nextOfKind(stomp, "STEP");
		String formerToken = this.tokens.tokenFor(this.therapist, Role.THERAPIST);
		Response comment = this.http.postJson("/api/enrolments/" + id + "/steps/welcome/comments",
				"{\"text\":\"Goed begonnen.\",\"run\":1}", "Authorization", bearer(formerToken));
		assertThat(comment.status()).as(comment.body()).isEqualTo(201);
		nextOfKind(stomp, "FEEDBACK");
		UserId next = this.tokens.account(Role.THERAPIST);
		String nextToken = this.tokens.tokenFor(next, Role.THERAPIST);
		StompTestClient former = connect(formerToken);
		StompTestClient current = connect(nextToken);

		Response moved = this.http.putJson("/api/admin/clients/" + this.client + "/therapist",
				"{\"therapistId\":\"" + next + "\"}", "Authorization", bearer(this.tokens.tokenFor(Role.ADMIN)));
		assertThat(moved.status()).as(moved.body()).isEqualTo(200);
		answerLive(stomp, id, second.get("data"));
		long answerSeq = nextOfKind(stomp, "ANSWER").get("seq").asLong();

		Response refused = this.http.get("/api/conversations/" + guide + "/messages", "Authorization",
				bearer(formerToken));
		assertThat(refused.status()).isEqualTo(404);
		assertThat(refused.json().get("code").asString()).isEqualTo("conversation.not-found");
		assertThat(this.http.get("/api/conversations", "Authorization", bearer(formerToken))
			.json()
			.findValuesAsString("id")).doesNotContain(guide);
		JsonNode read = this.http.get("/api/conversations/" + guide + "/messages", "Authorization", bearer(nextToken))
			.json();
		assertThat(read.get("messages").findValuesAsString("kind")).contains("ANSWER", "FEEDBACK");
		assertThat(read.get("lastSeq").asLong()).isGreaterThanOrEqualTo(answerSeq);
		assertThat(nextOfKind(current, "ANSWER").get("seq").asLong()).isEqualTo(answerSeq);
		assertThat(former.poll("/user/queue/messages", 500)).as("the former therapist receives nothing live").isNull();
	}

	@Test
	void therapistCanAssignAProgrammeToAClientOfTheCaseload() {
		String therapistToken = bearer(this.tokens.tokenFor(this.therapist, Role.THERAPIST));

		Response assigned = this.http.postJson("/api/clients/" + this.client + "/enrolments",
				"{\"programmeId\":\"sleeping-better\"}", "Authorization", therapistToken);

		assertThat(assigned.status()).isEqualTo(201);
		assertThat(get("/api/enrolments").get(0).get("programmeId").asString()).isEqualTo("sleeping-better");
	}

	@Test
	void catalogueListsTheProgrammesInBothLanguages() {
		JsonNode catalogue = get("/api/programmes");

		assertThat(catalogue.size()).isEqualTo(3);
		assertThat(catalogue.get(0).get("title").get("nl").asString()).isNotBlank();
		assertThat(catalogue.get(0).get("title").get("en").asString()).isNotBlank();
	}

	private String refused(StompTestClient stomp, String enrolmentId, String stepId, Map<String, Object> answer)
			throws InterruptedException {
		stomp.send("/app/enrolments/" + enrolmentId + "/answers",
				JSON.writeValueAsString(Map.of("stepId", stepId, "answer", answer)));
		return stomp.next("/user/queue/errors").get("code").asString();
	}

	private void answerLive(StompTestClient stomp, String enrolmentId, JsonNode step) {
		answerLive(stomp, enrolmentId, step.get("stepId").asString(), answerFor(step));
	}

	private void answerLive(StompTestClient stomp, String enrolmentId, String stepId, Map<String, Object> answer) {
		stomp.send("/app/enrolments/" + enrolmentId + "/answers",
				JSON.writeValueAsString(Map.of("stepId", stepId, "answer", answer)));
	}

	/**
	 * Answers every step of the enrolment live until the completion notice (other
	 * notices, such as the crisis card, are passed over); returns that notice.
	 */
	private JsonNode complete(StompTestClient stomp, String enrolmentId) throws InterruptedException {
		JsonNode message = nextOfKind(stomp, "STEP");
		while (!"completed".equals(message.at("/data/notice").asString(""))) {
			if ("STEP".equals(message.get("kind").asString())) {
				answerLive(stomp, enrolmentId, message.get("data"));
				nextOfKind(stomp, "ANSWER");
			}
			message = nextOfKind(stomp, "STEP", "NOTICE");
		}
		return message;
	}

	private Response answerOverRest(String enrolmentId, String stepId, String answer) {
		return this.http.postJson("/api/enrolments/" + enrolmentId + "/answers",
				"{\"stepId\":\"" + stepId + "\",\"answer\":" + answer + "}", "Authorization", bearer(this.clientToken));
	}

	private Response act(String enrolmentId, String action) {
		return this.http.postJson("/api/enrolments/" + enrolmentId + "/" + action, "", "Authorization",
				bearer(this.clientToken));
	}

	private Response enrolAgain(String programmeId) {
		return this.http.postJson("/api/enrolments", "{\"programmeId\":\"" + programmeId + "\"}", "Authorization",
				bearer(this.clientToken));
	}

	/**
	 * A valid answer for any step kind (the low end, so branches for high values are not
	 * taken).
	 */
	static Map<String, Object> answerFor(JsonNode step) {
		return switch (step.get("kind").asString()) {
			// an everyday answer: every free-text answer also passes the risk detector
			case "FREE_TEXT", "JOURNAL" -> Map.of("text", "Ik lees graag voor het slapen.");
			case "SINGLE_CHOICE" -> Map.of("option", step.get("options").get(0).get("id").asString());
			case "MULTIPLE_CHOICE" -> Map.of("options", List.of(step.get("options").get(0).get("id").asString()));
			case "SCALE", "MOOD" -> Map.of("value", step.get("scale").get("min").asInt() + 4);
			case "TIMER" -> Map.of("completed", true, "secondsSpent", step.get("timer").get("seconds").asInt());
			case "QUESTIONNAIRE" ->
				Map.of("items", Collections.nCopies(step.get("questionnaire").get("items").size(), 1));
			default -> Map.of();
		};
	}

	/** The next message of one of these kinds on the user's message queue. */
	private static JsonNode nextOfKind(StompTestClient stomp, String... kinds) throws InterruptedException {
		for (int i = 0; i < 20; i++) {
			JsonNode message = stomp.next("/user/queue/messages");
			if (List.of(kinds).contains(message.path("kind").asString(""))) {
				return message;
			}
		}
		throw new AssertionError("No message of kind " + List.of(kinds) + " among the last 20");
	}

	private JsonNode enrol(String programmeId) {
		Response created = this.http.postJson("/api/enrolments", "{\"programmeId\":\"" + programmeId + "\"}",
				"Authorization", bearer(this.clientToken));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json();
	}

	private JsonNode get(String path) {
		return this.http.get(path, "Authorization", bearer(this.clientToken)).json();
	}

	private StompTestClient connect() throws Exception {
		return connect(this.clientToken);
	}

	private StompTestClient connect(String token) throws Exception {
		StompTestClient stomp = StompTestClient.connect(this.port, token).subscribeUserQueues();
		this.open.add(stomp);
		return stomp;
	}

}
