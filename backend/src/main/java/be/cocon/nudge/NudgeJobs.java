package be.cocon.nudge;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import be.cocon.chat.ConversationOverview;
import be.cocon.checkin.MoodSummary;
import be.cocon.checkin.MoodTrends;
import be.cocon.identity.Account;
import be.cocon.identity.Accounts;
import be.cocon.identity.UserId;
import be.cocon.nudge.NudgeDocument.Origin;
import be.cocon.programme.ProgrammeProgress;
import be.cocon.programme.ProgrammeProgress.Progress;

/**
 * The scheduled work of nudges: sending due ones, and looking at clients with adaptive
 * nudges on. Each job holds a lease in the store, so one instance runs it at a time; both
 * are safe to run twice anyway (conditional updates, computed ids, idempotent posts).
 */
@Component
class NudgeJobs {

	private final NudgeService service;

	private final Nudges nudges;

	private final Accounts accounts;

	private final ProgrammeProgress programmes;

	private final MoodTrends moods;

	private final ConversationOverview conversations;

	private final MessageSource messages;

	private final Clock clock;

	NudgeJobs(NudgeService service, Nudges nudges, Accounts accounts, ProgrammeProgress programmes, MoodTrends moods,
			ConversationOverview conversations, MessageSource messages, Clock clock) {
		this.service = service;
		this.nudges = nudges;
		this.accounts = accounts;
		this.programmes = programmes;
		this.moods = moods;
		this.conversations = conversations;
		this.messages = messages;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${cocon.nudge.dispatch-every:15s}",
			initialDelayString = "${cocon.nudge.dispatch-every:15s}")
	@SchedulerLock(name = "nudge.dispatch", lockAtMostFor = "PT1M")
	void dispatch() {
		this.service.sendDue();
	}

	@Scheduled(fixedDelayString = "${cocon.nudge.adaptive-every:5m}",
			initialDelayString = "${cocon.nudge.adaptive-every:5m}")
	@SchedulerLock(name = "nudge.adaptive", lockAtMostFor = "PT5M")
	void adaptive() {
		evaluate();
	}

	/** Makes the adaptive nudges that are due. @return how many were made */
	int evaluate() {
		List<AdaptiveSettings> on = this.nudges.adaptiveOn();
		if (on.isEmpty()) {
			return 0;
		}
		List<String> ids = on.stream().map(AdaptiveSettings::clientId).toList();
		Map<String, Account> clients = this.accounts.findAll(ids.stream().map(UserId::new).toList())
			.stream()
			.collect(Collectors.toMap((account) -> account.id().value(), Function.identity()));
		Map<String, List<Progress>> progress = this.programmes.openEnrolmentsOf(ids)
			.stream()
			.collect(Collectors.groupingBy(Progress::clientId));
		Map<String, MoodSummary> moods = this.moods.summariesOf(ids)
			.stream()
			.collect(Collectors.toMap(MoodSummary::clientId, Function.identity(), (a, b) -> a));
		Instant now = this.clock.instant();
		int made = 0;
		for (AdaptiveSettings adaptive : on) {
			Account client = clients.get(adaptive.clientId());
			if (client == null || client.therapistId() == null
					|| !client.therapistId().value().equals(adaptive.therapistId())) {
				continue;
			}
			AdaptivePolicy.Facts facts = facts(client, adaptive, progress.getOrDefault(client.id().value(), List.of()),
					moods.get(client.id().value()));
			var reason = AdaptivePolicy.reason(adaptive, facts, now);
			if (reason.isPresent()
					&& this.service.adaptive(adaptive, client, reason.get(), text(client, adaptive, reason.get()))) {
				made++;
			}
		}
		return made;
	}

	private AdaptivePolicy.Facts facts(Account client, AdaptiveSettings adaptive, List<Progress> progress,
			@Nullable MoodSummary mood) {
		Instant lastAutomatic = this.nudges.ofClient(client.id().value())
			.stream()
			.filter((nudge) -> nudge.origin() == Origin.ADAPTIVE)
			.map(NudgeDocument::createdAt)
			.max(Comparator.naturalOrder())
			.orElse(null);
		Instant stepSince = progress.stream()
			.filter((enrolment) -> !enrolment.paused())
			.map(Progress::currentStepSince)
			.min(Comparator.naturalOrder())
			.orElse(null);
		Instant lastCheckIn = (mood != null) ? mood.lastCheckInAt() : null;
		Instant lastMessage = this.conversations.therapyState(client.id().value(), adaptive.therapistId())
			.map(ConversationOverview.TherapyState::lastClientMessageAt)
			.orElse(null);
		Instant lastAnswer = progress.stream()
			.flatMap((enrolment) -> enrolment.answeredAt().stream())
			.max(Comparator.naturalOrder())
			.orElse(null);
		Instant lastActivity = Stream.of(lastCheckIn, lastMessage, lastAnswer)
			.filter(Objects::nonNull)
			.max(Comparator.naturalOrder())
			.orElse(null);
		return new AdaptivePolicy.Facts(lastAutomatic, stepSince, lastCheckIn, lastActivity);
	}

	/**
	 * The text in the client's language; {1} is the number of days the setting for this
	 * reason names, so a text that speaks of days says what the therapist set (the
	 * message formats choose singular or plural).
	 */
	private String text(Account client, AdaptiveSettings adaptive, NudgeDocument.Reason reason) {
		int days = switch (reason) {
			case STALLED -> adaptive.stalledDays();
			case MISSED_CHECKINS -> adaptive.missedCheckinDays();
			case INACTIVE -> adaptive.inactiveDays();
		};
		return this.messages.getMessage("nudge.adaptive." + reason.name().toLowerCase(Locale.ROOT),
				new Object[] { client.pseudonym(), days }, Locale.forLanguageTag(client.locale()));
	}

}
