package be.cocon.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import be.cocon.chat.GuideMessages;
import be.cocon.chat.MessageAudience;
import be.cocon.chat.MessageKind;
import be.cocon.chat.MessagePosted;
import be.cocon.identity.Account;
import be.cocon.identity.Accounts;
import be.cocon.identity.Role;
import be.cocon.identity.UserId;
import be.cocon.nudge.QuietHours;

/**
 * Turns stored chat messages into notifications. Nudges and check-in reminders reach the
 * client as chat messages too, so one listener covers all three kinds.
 * <p>
 * The listener only hands the message to a small pool with a bounded queue: sending never
 * slows the thread that stored the message, and a slow push service cannot pile up work.
 * Each recipient is checked in turn: a live session (the app shows it), no device, not
 * opted in, a disabled account, quiet hours, and for messages the coalescing slot.
 */
@Component
class PushDispatcher {

	/** The check-in module's reminder notice ({@code data.notice}). */
	static final String CHECKIN_REMINDER = "checkin-reminder";

	private static final Logger log = LoggerFactory.getLogger(PushDispatcher.class);

	private final PushUsers users;

	private final MessageAudience audience;

	private final Accounts accounts;

	private final QuietHours quietHours;

	private final PushTexts texts;

	private final PushSender sender;

	private final PushSettings settings;

	private final Clock clock;

	private final ThreadPoolExecutor pool;

	private final AtomicLong dropped = new AtomicLong();

	PushDispatcher(PushUsers users, MessageAudience audience, Accounts accounts, QuietHours quietHours, PushTexts texts,
			PushSender sender, PushSettings settings, Clock clock) {
		this.users = users;
		this.audience = audience;
		this.accounts = accounts;
		this.quietHours = quietHours;
		this.texts = texts;
		this.sender = sender;
		this.settings = settings;
		this.clock = clock;
		this.pool = new ThreadPoolExecutor(settings.senderThreads(), settings.senderThreads(), 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(settings.queueCapacity()), new CustomizableThreadFactory("push-"));
	}

	/** Which kind of notification a message is, if any. */
	static @Nullable PushType typeOf(MessagePosted message) {
		if (message.kind() == MessageKind.NUDGE) {
			return PushType.NUDGES;
		}
		Map<String, Object> data = message.data();
		if (message.kind() == MessageKind.NOTICE && data != null && CHECKIN_REMINDER.equals(data.get("notice"))) {
			return PushType.CHECKIN_REMINDERS;
		}
		boolean fromPerson = !GuideMessages.GUIDE.equals(message.senderId());
		if (fromPerson && (message.kind() == MessageKind.TEXT || message.kind() == MessageKind.FEEDBACK)) {
			return PushType.MESSAGES;
		}
		return null;
	}

	/**
	 * Who is looking at the app is decided when the message is stored (an in-memory
	 * check, after one {@code _id} read for the participants); the rest happens on the
	 * pool.
	 */
	@EventListener
	void posted(MessagePosted message) {
		PushType type = typeOf(message);
		if (type == null) {
			return;
		}
		try {
			for (String recipient : this.audience.participants(message.conversationId())) {
				if (!recipient.equals(message.senderId()) && !GuideMessages.GUIDE.equals(recipient)
						&& !this.audience.isOnline(recipient)) {
					submit(recipient, type);
				}
			}
		}
		catch (RuntimeException ex) {
			// a notification is a courtesy: it never fails the message that was stored
			log.warn("Web Push: no {} notification ({})", type, ex.getClass().getSimpleName());
		}
	}

	private void submit(String recipient, PushType type) {
		try {
			this.pool.execute(() -> notifyOne(recipient, type));
		}
		catch (RejectedExecutionException ex) {
			// one line per hundred, so a flood does not flood the log as well
			if (this.dropped.getAndIncrement() % 100 == 0) {
				log.warn("Web Push: the send queue is full; {} notification(s) dropped so far", this.dropped.get());
			}
		}
	}

	private void notifyOne(String userId, PushType type) {
		try {
			send(userId, type);
		}
		catch (RuntimeException ex) {
			log.warn("Web Push: a {} notification failed ({})", type, ex.getClass().getSimpleName());
		}
	}

	private void send(String userId, PushType type) {
		PushUser user = this.users.findById(userId).orElse(null);
		if (user == null || user.devices().isEmpty() || !user.types().contains(type)) {
			return;
		}
		Account account = this.accounts.findById(new UserId(userId)).orElse(null);
		Instant now = this.clock.instant();
		if (account == null || account.isDisabled() || isQuiet(account, now)) {
			return;
		}
		if (type == PushType.MESSAGES && !this.users.claimMessageSlot(userId, now, this.settings.messageCoalesce())) {
			return;
		}
		byte[] payload = this.texts.payload(type, account.locale());
		user.devices().forEach((device) -> this.sender.send(userId, device, type, payload));
	}

	/**
	 * Quiet hours are a client's (set by their therapist); staff choose for themselves.
	 */
	private boolean isQuiet(Account account, Instant now) {
		return account.hasRole(Role.CLIENT) && this.quietHours.isQuiet(account.id().value(), account.zone(), now);
	}

	@PreDestroy
	void stop() {
		this.pool.shutdown();
	}

}
