package be.cocon.checkin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import be.cocon.chat.ConversationKind;
import be.cocon.chat.GuideMessages;
import be.cocon.chat.MessageKind;
import be.cocon.checkin.CheckinViews.Reminder;
import be.cocon.identity.Account;
import be.cocon.identity.Accounts;
import be.cocon.identity.UserId;

/**
 * The daily check-in reminder: the guide posts a notice in the client's check-in
 * conversation at their chosen local time, unless they checked in that day already.
 * <p>
 * Each due reminder is first moved to its next time with a conditional update, so of two
 * instances or two overlapping runs exactly one posts it; the post itself is idempotent
 * too ({@code checkin-reminder-<date>}). The next time is computed with
 * {@link ZonedDateTime} from the local time, so it stays at that local time across
 * daylight saving changes.
 */
@Component
class DailyReminders {

	static final String NOTICE = "checkin-reminder";

	private static final Logger log = LoggerFactory.getLogger(DailyReminders.class);

	private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

	private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

	private final CheckinClients clients;

	private final CheckIns checkIns;

	private final Accounts accounts;

	private final GuideMessages chat;

	private final ReminderNotices notices;

	private final CheckinSettings settings;

	private final Clock clock;

	DailyReminders(CheckinClients clients, CheckIns checkIns, Accounts accounts, GuideMessages chat,
			ReminderNotices notices, CheckinSettings settings, Clock clock) {
		this.clients = clients;
		this.checkIns = checkIns;
		this.accounts = accounts;
		this.chat = chat;
		this.notices = notices;
		this.settings = settings;
		this.clock = clock;
	}

	static String conversationOf(String clientId) {
		return "checkin-" + clientId;
	}

	Reminder of(String clientId) {
		ZoneId zone = account(clientId).zone();
		ClientDocument.Reminder reminder = stored(clientId);
		String time = (reminder != null) ? reminder.time() : HH_MM.format(this.settings.defaultReminderTime());
		return new Reminder(reminder != null && reminder.enabled(), time, zone.getId());
	}

	/**
	 * Switches the reminder on or off; a reminder switched on opens the check-in
	 * conversation and is due next at its time today, or tomorrow when that has passed.
	 */
	Reminder set(String clientId, @Nullable Boolean enabled, @Nullable String rawTime) {
		FieldErrors errors = new FieldErrors();
		if (enabled == null) {
			errors.add("enabled", "enabled.required", "Say whether the reminder is on (true or false).");
		}
		if (rawTime != null && !TIME.matcher(rawTime).matches()) {
			errors.add("time", "time.invalid", "The time is a local time as HH:mm, e.g. 19:30.");
		}
		if (enabled != null && enabled && rawTime == null) {
			errors.add("time", "time.required", "Choose the time of the reminder (HH:mm).");
		}
		errors.throwIfAny();
		ZoneId zone = account(clientId).zone();
		String time = (rawTime != null) ? rawTime : of(clientId).time();
		Instant next = null;
		if (enabled) {
			this.chat.open(conversationOf(clientId), ConversationKind.CHECKIN, List.of(clientId, GuideMessages.GUIDE));
			next = nextOccurrence(LocalTime.parse(time), zone, this.clock.instant());
		}
		this.clients.saveReminder(clientId, new ClientDocument.Reminder(enabled, time, zone.getId(), next));
		return new Reminder(enabled, time, zone.getId());
	}

	/** Posts every due reminder once. @return how many this call posted */
	int sendDue() {
		Instant now = this.clock.instant();
		List<ClientDocument> due = this.clients.findAll(this.clients.remindersOn())
			.stream()
			.filter((client) -> isDue(client.reminder(), now))
			.toList();
		if (due.isEmpty()) {
			return 0;
		}
		Map<String, Account> people = this.accounts
			.findAll(due.stream().map((client) -> new UserId(client.id())).toList())
			.stream()
			.collect(Collectors.toMap((account) -> account.id().value(), Function.identity()));
		int posted = 0;
		for (ClientDocument client : due) {
			if (remind(client.id(), client.reminder(), people.get(client.id()), now)) {
				posted++;
			}
		}
		return posted;
	}

	/** The first moment after {@code after} when it is {@code time} in {@code zone}. */
	static Instant nextOccurrence(LocalTime time, ZoneId zone, Instant after) {
		LocalDate day = after.atZone(zone).toLocalDate();
		ZonedDateTime next = ZonedDateTime.of(day, time, zone);
		if (!next.toInstant().isAfter(after)) {
			next = ZonedDateTime.of(day.plusDays(1), time, zone);
		}
		return next.toInstant();
	}

	private boolean remind(String clientId, ClientDocument.@Nullable Reminder reminder, @Nullable Account account,
			Instant now) {
		if (reminder == null || reminder.nextAt() == null) {
			return false;
		}
		Instant seen = reminder.nextAt();
		ZoneId scheduledIn = ZoneId.of(reminder.zone());
		// a client who moved to another time zone gets the following reminders there
		ZoneId zone = (account != null) ? account.zone() : scheduledIn;
		Instant next = nextOccurrence(LocalTime.parse(reminder.time()), zone, now);
		if (!this.clients.advance(clientId, seen, next, zone.getId())) {
			return false;
		}
		LocalDate date = seen.atZone(scheduledIn).toLocalDate();
		if (account == null || account.isDisabled() || this.checkIns.countOn(clientId, date) > 0) {
			return false;
		}
		if (Duration.between(seen, now).compareTo(this.settings.reminderLateLimit()) > 0) {
			log.info("Check-in reminder of {} for {} skipped: found {} late", clientId, date,
					Duration.between(seen, now));
			return false;
		}
		try {
			String conversation = conversationOf(clientId);
			this.chat.open(conversation, ConversationKind.CHECKIN, List.of(clientId, GuideMessages.GUIDE));
			this.chat.post(conversation, GuideMessages.GUIDE, NOTICE + "-" + date, MessageKind.NOTICE,
					this.notices.reminder(account.locale()), Map.of("notice", NOTICE, "date", date.toString()));
			return true;
		}
		catch (RuntimeException ex) {
			// hand the reminder back so the next run tries again (the post is idempotent)
			this.clients.advance(clientId, next, seen, reminder.zone());
			log.warn("Check-in reminder of {} for {} not posted; will retry", clientId, date, ex);
			return false;
		}
	}

	private static boolean isDue(ClientDocument.@Nullable Reminder reminder, Instant now) {
		return reminder != null && reminder.enabled() && reminder.nextAt() != null && !reminder.nextAt().isAfter(now);
	}

	private ClientDocument.@Nullable Reminder stored(String clientId) {
		return this.clients.findById(clientId).map(ClientDocument::reminder).orElse(null);
	}

	private Account account(String clientId) {
		return this.accounts.findById(new UserId(clientId))
			.orElseThrow(() -> new IllegalStateException("No account " + clientId));
	}

}
