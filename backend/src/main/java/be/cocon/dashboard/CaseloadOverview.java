package be.cocon.dashboard;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import be.cocon.chat.ConversationOverview;
import be.cocon.chat.ConversationOverview.TherapyState;
import be.cocon.checkin.Direction;
import be.cocon.checkin.MoodSummary;
import be.cocon.checkin.MoodTrends;
import be.cocon.identity.Account;
import be.cocon.identity.Accounts;
import be.cocon.identity.CurrentUser;
import be.cocon.privacy.AuditLog;
import be.cocon.programme.ProgrammeProgress;
import be.cocon.programme.ProgrammeProgress.Progress;
import be.cocon.safety.RiskScreening;
import be.cocon.safety.RiskScreening.OpenEscalation;

/**
 * {@code GET /api/caseload/overview}: the therapist's dashboard rows (THERAPIST role).
 */
@RestController
class CaseloadOverview {

	private final Accounts accounts;

	private final ProgrammeProgress programmes;

	private final MoodTrends moods;

	private final ConversationOverview conversations;

	private final RiskScreening safety;

	private final AuditLog audit;

	private final DashboardSettings settings;

	private final Clock clock;

	CaseloadOverview(Accounts accounts, ProgrammeProgress programmes, MoodTrends moods,
			ConversationOverview conversations, RiskScreening safety, AuditLog audit, DashboardSettings settings,
			Clock clock) {
		this.accounts = accounts;
		this.programmes = programmes;
		this.moods = moods;
		this.conversations = conversations;
		this.safety = safety;
		this.audit = audit;
		this.settings = settings;
		this.clock = clock;
	}

	/** One row per client; those who need attention first, then by name. */
	@GetMapping("/api/caseload/overview")
	List<Row> overview(Authentication authentication) {
		String me = CurrentUser.id(authentication).value();
		List<Account> clients = this.accounts.caseloadOf(CurrentUser.id(authentication));
		List<String> ids = clients.stream().map((client) -> client.id().value()).toList();
		Map<String, List<Progress>> progress = this.programmes.openEnrolmentsOf(ids)
			.stream()
			.collect(Collectors.groupingBy(Progress::clientId));
		Map<String, MoodSummary> moods = this.moods.summariesOf(ids)
			.stream()
			.collect(Collectors.toMap(MoodSummary::clientId, Function.identity(), (a, b) -> a));
		Map<String, OpenEscalation> escalations = this.safety.openFor(ids)
			.stream()
			.collect(Collectors.toMap(OpenEscalation::clientId, Function.identity(), (a, b) -> a));
		Instant now = this.clock.instant();
		List<Row> rows = new ArrayList<>();
		this.audit.recordEach(me, "dashboard.view", ids, Map.of());
		for (Account client : clients) {
			String id = client.id().value();
			rows.add(row(client, me, progress.getOrDefault(id, List.of()), moods.get(id), escalations.get(id), now));
		}
		rows.sort(Comparator.comparing((Row row) -> !row.needsAttention())
			.thenComparing((row) -> row.client().pseudonym(), String.CASE_INSENSITIVE_ORDER));
		return rows;
	}

	private Row row(Account client, String therapistId, List<Progress> progress, @Nullable MoodSummary mood,
			@Nullable OpenEscalation escalation, Instant now) {
		TherapyState chat = this.conversations.therapyState(client.id().value(), therapistId).orElse(null);
		Progress current = progress.stream()
			.sorted(Comparator.comparing(Progress::paused).thenComparing(Progress::currentStepSince))
			.findFirst()
			.orElse(null);
		Instant weekStart = now.atZone(client.zone())
			.toLocalDate()
			.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
			.atStartOfDay(client.zone())
			.toInstant();
		int stepsThisWeek = (int) progress.stream()
			.flatMap((enrolment) -> enrolment.answeredAt().stream())
			.filter((at) -> !at.isBefore(weekStart))
			.count();
		Instant lastAnswer = progress.stream()
			.flatMap((enrolment) -> enrolment.answeredAt().stream())
			.max(Comparator.naturalOrder())
			.orElse(null);
		Instant lastActivity = Stream
			.of((mood != null) ? mood.lastCheckInAt() : null, (chat != null) ? chat.lastClientMessageAt() : null,
					lastAnswer)
			.filter(Objects::nonNull)
			.max(Comparator.naturalOrder())
			.orElse(null);
		ProgrammeRow programme = (current != null) ? ProgrammeRow.of(current, now) : null;
		List<String> reasons = new ArrayList<>();
		if (escalation != null) {
			reasons.add("ESCALATION");
		}
		if (mood != null && mood.direction() == Direction.DOWN) {
			reasons.add("MOOD_FALLING");
		}
		if (programme != null && !programme.paused() && programme.stalledDays() >= this.settings.stalledDays()) {
			reasons.add("STALLED");
		}
		Instant since = (lastActivity != null) ? lastActivity : client.createdAt();
		if (!since.plus(Duration.ofDays(this.settings.inactiveDays())).isAfter(now)) {
			reasons.add("INACTIVE");
		}
		return new Row(new Person(client.id().value(), client.pseudonym()), lastActivity, programme, stepsThisWeek,
				(mood != null) ? mood.direction() : null, (mood != null) ? mood.mood7() : null,
				(chat != null) ? chat.unreadForTherapist() : 0,
				(escalation != null) ? new EscalationRow(escalation.escalationId(), escalation.severity().name(),
						escalation.claimed()) : null,
				!reasons.isEmpty(), reasons);
	}

	record Person(String id, String pseudonym) {
	}

	/**
	 * @param stalledDays whole days on the current step
	 */
	record ProgrammeRow(String enrolmentId, String programmeId, Map<String, String> title, int stepsDone,
			int stepsTotal, boolean paused, long stalledDays) {

		static ProgrammeRow of(Progress progress, Instant now) {
			return new ProgrammeRow(progress.enrolmentId(), progress.programmeId(), progress.title(),
					progress.stepsDone(), progress.stepsTotal(), progress.paused(),
					Duration.between(progress.currentStepSince(), now).toDays());
		}

	}

	record EscalationRow(String id, String severity, boolean claimed) {
	}

	/**
	 * @param reasons why the client needs attention: ESCALATION, MOOD_FALLING, STALLED,
	 * INACTIVE
	 */
	record Row(Person client, @Nullable Instant lastActivityAt, @Nullable ProgrammeRow programme, int stepsThisWeek,
			@Nullable Direction moodTrend, @Nullable Double mood7, long unread, @Nullable EscalationRow escalation,
			boolean needsAttention, List<String> reasons) {
	}

}
