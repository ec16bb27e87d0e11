package be.cocon.checkin;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import be.cocon.checkin.CheckIns.Added;
import be.cocon.checkin.CheckinValidator.NewCheckIn;
import be.cocon.checkin.CheckinValidator.Valid;
import be.cocon.checkin.CheckinViews.CheckIn;
import be.cocon.checkin.CheckinViews.Posted;
import be.cocon.checkin.CheckinViews.Trends;
import be.cocon.checkin.MonthDocument.Entry;
import be.cocon.checkin.TrendAggregation.Point;
import be.cocon.identity.Account;
import be.cocon.identity.Accounts;
import be.cocon.identity.UserId;
import be.cocon.platform.ApiProblem;
import be.cocon.safety.CrisisCard;
import be.cocon.safety.RiskScreening;
import be.cocon.safety.RiskScreening.ScreenedText;

/**
 * Posting and reading check-ins. A posted note is screened for risk before the check-in
 * is stored, so a failure after screening is retried by the browser (same id) and never
 * leaves a stored note unscreened.
 */
@Service
class CheckinService implements MoodTrends {

	static final int MAX_DAYS = 365;

	private final CheckIns checkIns;

	private final CheckinClients clients;

	private final CheckinValidator validator;

	private final Accounts accounts;

	private final RiskScreening screening;

	private final CheckinSettings settings;

	private final Clock clock;

	CheckinService(CheckIns checkIns, CheckinClients clients, CheckinValidator validator, Accounts accounts,
			RiskScreening screening, CheckinSettings settings, Clock clock) {
		this.checkIns = checkIns;
		this.clients = clients;
		this.validator = validator;
		this.accounts = accounts;
		this.screening = screening;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Stores a check-in; a repeat of a stored id returns the stored one (not created).
	 */
	Result post(String clientId, NewCheckIn request) {
		Valid valid = this.validator.validate(request);
		Instant now = this.clock.instant();
		LocalDate date = now.atZone(account(clientId).zone()).toLocalDate();
		List<MonthDocument> months = this.checkIns.months(clientId, monthsToSearch(date));
		for (MonthDocument month : months) {
			Entry earlier = month.entry(valid.id()).orElse(null);
			if (earlier != null) {
				return new Result(new Posted(CheckIn.of(earlier), null), false);
			}
		}
		if (months.stream().anyMatch((month) -> month.countOn(date) >= this.settings.maxPerDay())) {
			throw dayFull();
		}
		CrisisCard crisis = (valid.note() != null)
				? this.screening.screen(clientId, valid.note(), ScreenedText.CHECKIN_NOTE, now).orElse(null) : null;
		Entry entry = new Entry(valid.id(), now, date.toString(), valid.mood(), valid.stress(), valid.tags(),
				valid.note());
		Added added = this.checkIns.add(clientId, entry, this.settings.maxPerDay());
		if (added.outcome() == CheckIns.Outcome.DUPLICATE) {
			return new Result(new Posted(CheckIn.of(added.entry()), null), false);
		}
		if (added.outcome() == CheckIns.Outcome.DAY_FULL) {
			throw dayFull();
		}
		this.clients.checkedIn(clientId, now);
		return new Result(new Posted(CheckIn.of(entry), crisis), true);
	}

	/** The client's check-ins of the last {@code days} local days, newest first. */
	List<CheckIn> list(String clientId, int days) {
		requireDays(days, 1);
		LocalDate today = today(account(clientId).zone());
		LocalDate from = today.minusDays(days - 1L);
		return entries(clientId, from, today).stream()
			.filter((entry) -> !entry.localDate().isBefore(from))
			.sorted(Comparator.comparing(Entry::at).reversed())
			.map(CheckIn::of)
			.toList();
	}

	Trends trends(String clientId, int days) {
		requireDays(days, 7);
		ZoneId zone = account(clientId).zone();
		LocalDate today = today(zone);
		// the 30-day average needs 30 days even when fewer are shown
		LocalDate from = today.minusDays(Math.max(days, 30) - 1L);
		List<Point> points = entries(clientId, from, today).stream().map(Point::of).toList();
		return TrendAggregation.of(points, today, days, zone.getId());
	}

	List<String> tags() {
		return this.settings.tags();
	}

	/** Refuses (403) unless the client is in this therapist's caseload. */
	void requireTherapistOf(String therapistId, String clientId) {
		Account client = this.accounts.findById(new UserId(clientId)).orElse(null);
		if (client == null || client.therapistId() == null || !client.therapistId().value().equals(therapistId)) {
			throw new ApiProblem(HttpStatus.FORBIDDEN, "client.not-in-caseload",
					"This client is not in your caseload.");
		}
	}

	/**
	 * One summary per given client, in the given order; a client without check-ins (or
	 * without an account) gets nulls. Reads the accounts, the month documents of the last
	 * 14 days and the per-client documents: three queries for any number of clients.
	 */
	@Override
	public List<MoodSummary> summariesOf(Collection<String> clientIds) {
		List<String> ids = clientIds.stream().distinct().toList();
		Map<String, ZoneId> zones = this.accounts.findAll(ids.stream().map(UserId::new).toList())
			.stream()
			.collect(Collectors.toMap((account) -> account.id().value(), Account::zone));
		Instant now = this.clock.instant();
		List<String> monthIds = new ArrayList<>();
		zones.forEach((clientId, zone) -> {
			LocalDate today = now.atZone(zone).toLocalDate();
			months(today.minusDays(13), today).forEach((month) -> monthIds.add(MonthDocument.idOf(clientId, month)));
		});
		Map<String, List<Point>> points = this.checkIns.byIds(monthIds)
			.stream()
			.collect(Collectors.groupingBy(MonthDocument::clientId,
					Collectors.flatMapping((month) -> month.entryList().stream().map(Point::of), Collectors.toList())));
		Map<String, ClientDocument> known = this.clients.findAll(zones.keySet())
			.stream()
			.collect(Collectors.toMap(ClientDocument::id, Function.identity()));
		return clientIds.stream().map((clientId) -> {
			ZoneId zone = zones.get(clientId);
			if (zone == null) {
				return new MoodSummary(clientId, null, null, null, null);
			}
			TrendAggregation.Summary summary = TrendAggregation.summary(points.getOrDefault(clientId, List.of()),
					now.atZone(zone).toLocalDate());
			ClientDocument client = known.get(clientId);
			return new MoodSummary(clientId, (client != null) ? client.lastCheckInAt() : null,
					summary.average7().mood(), summary.previous7().mood(), summary.direction());
		}).toList();
	}

	Account account(String clientId) {
		return this.accounts.findById(new UserId(clientId))
			.orElseThrow(() -> ApiProblem.notFound("client.not-found", "There is no such client."));
	}

	private LocalDate today(ZoneId zone) {
		return this.clock.instant().atZone(zone).toLocalDate();
	}

	private List<Entry> entries(String clientId, LocalDate from, LocalDate to) {
		return this.checkIns.months(clientId, months(from, to))
			.stream()
			.flatMap((month) -> month.entryList().stream())
			.toList();
	}

	private static List<YearMonth> months(LocalDate from, LocalDate to) {
		List<YearMonth> months = new ArrayList<>();
		for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(to)); month = month.plusMonths(1)) {
			months.add(month);
		}
		return months;
	}

	/**
	 * The month of the date; on the first of a month also the month before, where a retry
	 * of a check-in stored just before midnight finds it.
	 */
	private static List<YearMonth> monthsToSearch(LocalDate date) {
		YearMonth month = YearMonth.from(date);
		return (date.getDayOfMonth() == 1) ? List.of(month, month.minusMonths(1)) : List.of(month);
	}

	static void requireDays(int days, int min) {
		if (days < min || days > MAX_DAYS) {
			throw FieldErrors.single("days", "days.out-of-range", "days must be from " + min + " to " + MAX_DAYS + ".");
		}
	}

	private static ApiProblem dayFull() {
		return ApiProblem.tooManyRequests("checkin.daily-limit",
				"That is a lot of check-ins for one day; try tomorrow.");
	}

	/**
	 * @param posted what to answer
	 * @param created whether this call stored it (201) or found it stored (200)
	 */
	record Result(Posted posted, boolean created) {
	}

}
