package be.cocon.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import be.cocon.chat.ChatViews.Ack;
import be.cocon.chat.ChatViews.MessagePage;
import be.cocon.chat.ChatViews.MessageView;
import be.cocon.platform.Durability;
import be.cocon.platform.StoreOutage;

/**
 * Sending (idempotent, ordered, acknowledged only once stored), history and read markers.
 * A send costs three store round trips while the sender waits (number, claim, insert) and
 * one more on the conversation's lane after the commit (preview and read marker); no
 * thread waits for the commit itself. Delivery to live sessions is {@link ChatDelivery}'s
 * job.
 */
@Service
class ChatService implements GuideMessages {

	private static final Logger log = LoggerFactory.getLogger(ChatService.class);

	static final Pattern CLIENT_MESSAGE_ID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	/**
	 * Every control character (Unicode category Cc: C0, DEL and C1, tab included) except
	 * the newline is refused.
	 */
	private static final Pattern FORBIDDEN = Pattern.compile("[\\p{Cc}&&[^\\n]]");

	/** CRLF and a lone CR, as the browser app sends them, become LF. */
	private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n?");

	private static final Duration STALE_CLAIM = Duration.ofSeconds(30);

	private static final int PREVIEW_LENGTH = 80;

	private final Conversations conversations;

	private final Messages messages;

	private final Durability durability;

	private final ChatDelivery delivery;

	private final ApplicationEventPublisher events;

	private final ChatSettings settings;

	private final Clock clock;

	private final ConversationLanes lanes;

	private final SendAdmission admission;

	/**
	 * Conversations as last seen by a send on this instance: only to refuse a sender who
	 * may not write without touching the store (the numbering update decides).
	 */
	private final Cache<String, ConversationDocument> known = Caffeine.newBuilder()
		.maximumSize(50_000)
		.expireAfterAccess(Duration.ofMinutes(10))
		.build();

	private final Map<String, Bucket> sendRates = new ConcurrentHashMap<>();

	private final AtomicReference<Instant> sendRatesPrunedAt = new AtomicReference<>(Instant.EPOCH);

	ChatService(Conversations conversations, Messages messages, Durability durability, ChatDelivery delivery,
			ApplicationEventPublisher events, ChatSettings settings, Clock clock, ConversationLanes lanes,
			SendAdmission admission) {
		this.lanes = lanes;
		this.admission = admission;
		this.conversations = conversations;
		this.messages = messages;
		this.durability = durability;
		this.delivery = delivery;
		this.events = events;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Takes a message in: checks, numbers and stores it, and returns once it is stored,
	 * without waiting for the store's commit. What follows the commit (the preview,
	 * delivery, the risk assessment) runs on the conversation's lane, in sequence order,
	 * and completes the returned acknowledgement last. A refusal is thrown here.
	 */
	CompletableFuture<Ack> send(String senderId, String conversationId, @Nullable String clientMessageId,
			@Nullable String rawBody) {
		return send(senderId, conversationId, clientMessageId, rawBody, (conversation) -> {
		});
	}

	/**
	 * @param beforeCommit runs once the message is inserted and before the commit that
	 * the acknowledgement waits for, so what it writes is durable when the message is
	 * acknowledged (the audit entry of a staff member's message); not run for a resend
	 */
	CompletableFuture<Ack> send(String senderId, String conversationId, @Nullable String clientMessageId,
			@Nullable String rawBody, Consumer<ConversationDocument> beforeCommit) {
		String checkedId = checkedClientMessageId(clientMessageId);
		String body = checkedBody(rawBody, checkedId);
		this.admission.admit(senderId, checkedId);
		boolean handedOn = false;
		try {
			CompletableFuture<Ack> acked = new CompletableFuture<>();
			acked.whenComplete((ack, ex) -> this.admission.release(senderId));
			take(senderId, conversationId, checkedId, body, acked, beforeCommit);
			handedOn = true;
			return acked;
		}
		finally {
			if (!handedOn) {
				this.admission.release(senderId);
			}
		}
	}

	private void take(String senderId, String conversationId, String clientMessageId, String body,
			CompletableFuture<Ack> acked, Consumer<ConversationDocument> beforeCommit) {
		String dedupId = senderId + ":" + clientMessageId.toLowerCase(Locale.ROOT);
		Instant now = this.clock.instant();
		Bucket rate = this.sendRate(senderId);
		if (!rate.tryConsume(1)) {
			throw new ChatProblem(429, "message.rate-limited",
					"You are sending messages very fast; please wait a moment.", clientMessageId);
		}
		ReentrantLock lock = this.lanes.lockOf(conversationId);
		for (int attempt = 1;; attempt++) {
			// who may write is read from a copy kept in memory first, so that a sender
			// who may not write there changes nothing in the store; the numbering update
			// then decides on the conversation as it is
			ChatProblem refused = refusal(known(conversationId, clientMessageId), senderId, clientMessageId);
			if (refused != null) {
				refused = refusal(fresh(conversationId, clientMessageId), senderId, clientMessageId);
			}
			if (refused != null) {
				throw refused;
			}
			lock.lock();
			try {
				ConversationDocument conversation = this.conversations.numberFor(conversationId, senderId, now)
					.orElseThrow(() -> ChatProblem.notFound(conversationId, clientMessageId));
				this.known.put(conversationId, conversation);
				long seq = conversation.lastSeq();
				refused = refusal(conversation, senderId, clientMessageId);
				if (refused != null) {
					// changed since the copy was read (a move closed it, or they left)
					this.conversations.giveBack(conversationId, seq);
					throw refused;
				}
				if (this.messages.claim(dedupId, conversationId, seq, now)) {
					storeThenDeliver(conversation, draft(conversation, senderId, clientMessageId, body, now), seq,
							acked, beforeCommit);
					return;
				}
				// claimed before: a resend, whose number is not needed
				this.conversations.giveBack(conversationId, seq);
			}
			finally {
				lock.unlock();
			}
			if (attempt == 1) {
				// a resend is not counted again
				rate.addTokens(1);
			}
			Earlier earlier = earlier(dedupId, conversationId, clientMessageId, now);
			if (earlier.ack() != null) {
				refuseOtherText(earlier, body, clientMessageId);
				republish(earlier);
				acked.complete(earlier.ack());
				return;
			}
			if (earlier.reservedSeq() != null) {
				// taken over from a sender who died after numbering it
				ConversationDocument conversation = participantConversation(senderId, conversationId, clientMessageId);
				lock.lock();
				try {
					storeThenDeliver(conversation, draft(conversation, senderId, clientMessageId, body, now),
							earlier.reservedSeq(), acked, beforeCommit);
				}
				finally {
					lock.unlock();
				}
				return;
			}
			if (attempt == 2) {
				throw new ChatProblem(409, "message.in-progress", "This message is still being stored; retry shortly.",
						clientMessageId);
			}
			// the claim is gone, or an earlier version left it without a number: claimed
			// afresh
			this.messages.forgetClaim(dedupId);
		}
	}

	private Draft draft(ConversationDocument conversation, String senderId, String clientMessageId, String body,
			Instant now) {
		// a moderator who stepped in is marked on each message, so the mark outlives
		// their participation
		Map<String, Object> data = conversation.isModerator(senderId) ? Map.of("senderRole", "MODERATOR") : null;
		return new Draft(conversation.id(), senderId, clientMessageId, MessageKind.TEXT, body, data, now);
	}

	/**
	 * Inserts the message (the caller holds the conversation's lock, so the
	 * conversation's messages reach their lane in number order) and leaves the rest to
	 * the lane once the store has committed it.
	 */
	private void storeThenDeliver(ConversationDocument conversation, Draft draft, long seq,
			CompletableFuture<Ack> acked, Consumer<ConversationDocument> beforeCommit) {
		MessageDocument message = this.messages.insertIfAbsent(draft.numbered(seq));
		beforeCommit.accept(conversation);
		Ack ack = new Ack(draft.clientMessageId(), message.id(), conversation.id(), message.seq(), message.createdAt(),
				false);
		this.durability.afterDurable(() -> this.lanes.execute(conversation.id(), () -> {
			try {
				afterStored(conversation, message, false);
			}
			finally {
				acked.complete(ack);
			}
		}));
	}

	/**
	 * Why this person may not write in this conversation, or null when they may: they
	 * take part, it takes free text (not a guide or check-in conversation) and it is
	 * open.
	 */
	private static @Nullable ChatProblem refusal(ConversationDocument conversation, String senderId,
			String clientMessageId) {
		if (!conversation.hasParticipant(senderId)) {
			return ChatProblem.notFound(conversation.id(), clientMessageId);
		}
		if (conversation.kind() == ConversationKind.GUIDE) {
			return ChatProblem.invalid("conversation.guide-answers-only",
					"In a guide conversation you answer the steps; free text goes to your therapist.", clientMessageId);
		}
		if (conversation.kind() == ConversationKind.CHECKIN) {
			return ChatProblem.invalid("conversation.read-only",
					"This conversation only carries check-in reminders; answer with a check-in.", clientMessageId);
		}
		return conversation.isClosed() ? closed(clientMessageId) : null;
	}

	/** The conversation as last seen on this instance, or read from the store. */
	private ConversationDocument known(String conversationId, String clientMessageId) {
		ConversationDocument known = this.known.getIfPresent(conversationId);
		return (known != null) ? known : fresh(conversationId, clientMessageId);
	}

	private ConversationDocument fresh(String conversationId, String clientMessageId) {
		ConversationDocument conversation = this.conversations.findById(conversationId)
			.orElseThrow(() -> ChatProblem.notFound(conversationId, clientMessageId));
		this.known.put(conversationId, conversation);
		return conversation;
	}

	private static ChatProblem closed(@Nullable String clientMessageId) {
		return new ChatProblem(409, "conversation.closed",
				"This conversation is closed: the client has moved to another therapist. It can be read, not written.",
				clientMessageId);
	}

	MessagePage page(String userId, String conversationId, @Nullable Long before, @Nullable Long after, int limit) {
		ConversationDocument conversation = participantConversation(userId, conversationId, null);
		int size = Math.max(1, Math.min(limit, this.settings.maxPageSize()));
		long last = conversation.lastSeq();
		// messages up to this number were purged for retention: history starts after it
		long first = this.conversations.purgedThrough(conversationId) + 1;
		long from;
		long to;
		if (after != null) {
			from = Math.max(after + 1, first);
			to = Math.min(from + size - 1, last);
		}
		else {
			to = (before != null) ? Math.min(before - 1, last) : last;
			from = Math.max(first, to - size + 1);
		}
		List<MessageView> page = this.messages.range(conversationId, from, to).stream().map(MessageView::of).toList();
		return new MessagePage(page, last, from > first);
	}

	void markRead(String userId, String conversationId, long seq) {
		ConversationDocument conversation = participantConversation(userId, conversationId, null);
		if (seq < 0 || seq > conversation.lastSeq()) {
			throw ChatProblem.invalid("read.invalid-seq",
					"There is no message " + seq + " in this conversation (last is " + conversation.lastSeq() + ").",
					null);
		}
		if (this.conversations.raiseReadMarker(conversationId, userId, seq)) {
			this.delivery.read(conversation, userId, seq);
		}
	}

	ConversationDocument participantConversation(String userId, String conversationId,
			@Nullable String clientMessageId) {
		return this.conversations.findById(conversationId)
			.filter((conversation) -> conversation.hasParticipant(userId))
			.orElseThrow(() -> ChatProblem.notFound(conversationId, clientMessageId));
	}

	@Override
	public void open(String conversationId, ConversationKind kind, List<String> participants) {
		this.conversations.createIfAbsent(conversationId, kind, participants, this.clock.instant());
	}

	@Override
	public void addParticipant(String conversationId, String userId) {
		this.conversations.addParticipant(conversationId, userId);
	}

	@Override
	public void removeParticipant(String conversationId, String userId) {
		this.conversations.removeParticipant(conversationId, userId);
	}

	@Override
	public long post(String conversationId, String senderId, String clientMessageId, MessageKind kind, String body,
			Map<String, Object> data) {
		// module posts name their messages per conversation, so the conversation is part
		// of the key
		String dedupId = conversationId + ":" + senderId + ":" + clientMessageId;
		Instant now = this.clock.instant();
		Draft draft = new Draft(conversationId, senderId, clientMessageId, kind, body, data, now);
		CompletableFuture<Ack> done = new CompletableFuture<>();
		ReentrantLock lock = this.lanes.lockOf(conversationId);
		Runnable deliver = null;
		lock.lock();
		try {
			ConversationDocument conversation = this.conversations.number(conversationId)
				.orElseThrow(() -> ChatProblem.notFound(conversationId, clientMessageId));
			if (this.messages.claim(dedupId, conversationId, conversation.lastSeq(), now)) {
				deliver = postStored(conversation, draft, conversation.lastSeq(), done);
			}
			else {
				this.conversations.giveBack(conversationId, conversation.lastSeq());
			}
		}
		finally {
			lock.unlock();
		}
		if (deliver == null) {
			Earlier earlier = earlier(dedupId, conversationId, clientMessageId, now);
			if (earlier.ack() != null) {
				republish(earlier);
				return earlier.ack().seq();
			}
			ConversationDocument conversation = this.conversations.findById(conversationId)
				.orElseThrow(() -> ChatProblem.notFound(conversationId, clientMessageId));
			lock.lock();
			try {
				long seq = (earlier.reservedSeq() != null) ? earlier.reservedSeq()
						: this.conversations.nextSeq(conversationId);
				deliver = postStored(conversation, draft, seq, done);
			}
			finally {
				lock.unlock();
			}
		}
		if (this.lanes.onLane()) {
			// a listener of a message that posts one of its own: a lane cannot wait for a
			// lane, so this one is delivered here, once committed
			this.durability.awaitDurable();
			deliver.run();
		}
		return awaitPosted(done, clientMessageId);
	}

	/**
	 * Stores a module's message (under the conversation's lock) and returns its delivery,
	 * which it has already handed to the conversation's lane for after the commit unless
	 * this thread is a lane itself.
	 */
	private Runnable postStored(ConversationDocument conversation, Draft draft, long seq, CompletableFuture<Ack> done) {
		MessageDocument message = this.messages.insertIfAbsent(draft.numbered(seq));
		Ack ack = new Ack(draft.clientMessageId(), message.id(), conversation.id(), message.seq(), message.createdAt(),
				false);
		Runnable deliver = () -> {
			try {
				afterStored(conversation, message, true);
			}
			finally {
				done.complete(ack);
			}
		};
		if (!this.lanes.onLane()) {
			this.durability.afterDurable(() -> this.lanes.execute(conversation.id(), deliver));
		}
		return deliver;
	}

	/** Waits until a module's message is delivered, so the caller sees it done. */
	private static long awaitPosted(CompletableFuture<Ack> done, String clientMessageId) {
		try {
			return done.get(30, TimeUnit.SECONDS).seq();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while posting " + clientMessageId, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The store did not confirm message " + clientMessageId + " in time", ex);
		}
	}

	/**
	 * Refuses a resend whose text is not the text stored under its client message id:
	 * acknowledging it would drop the new text without a word. The stored message is
	 * already read (decrypted) to answer the resend, so comparing its text costs no extra
	 * round trip, and nothing about the text is kept next to the claim.
	 */
	private static void refuseOtherText(Earlier earlier, String body, String clientMessageId) {
		MessageDocument stored = earlier.stored();
		if (stored != null && !stored.body().equals(body)) {
			throw new ChatProblem(409, "message.id-conflict",
					"This client message id was already used for a message with another text; that message stays as it was and this text was not stored.",
					clientMessageId);
		}
	}

	/**
	 * Publishes a message stored before once more for a resend: the process that stored
	 * it may have died before its listeners (the risk assessment above all) were done,
	 * and they read each message once however often it is published.
	 */
	private void republish(Earlier earlier) {
		MessageDocument message = earlier.stored();
		if (message != null) {
			this.events.publishEvent(new MessagePosted(message.conversationId(), message.seq(), message.senderId(),
					message.kindOrText(), message.body(), message.createdAt(), message.data()));
		}
	}

	/**
	 * What follows a message's commit, on its conversation's lane: the preview and the
	 * writer's read marker, delivery to every participant, and the listeners (the risk
	 * assessment). A failure of one part does not keep the others from running.
	 * @param posted a module's message, whose writer's last-sent time moves in the same
	 * update (a person's own message moved it when it was numbered)
	 */
	private void afterStored(ConversationDocument conversation, MessageDocument message, boolean posted) {
		String preview = (message.body().length() > PREVIEW_LENGTH) ? message.body().substring(0, PREVIEW_LENGTH) + "…"
				: message.body();
		ConversationDocument.Preview shown = new ConversationDocument.Preview(message.seq(), message.senderId(),
				preview, message.createdAt());
		try {
			if (posted) {
				this.conversations.notePosted(conversation.id(), shown);
			}
			else {
				this.conversations.noteStored(conversation.id(), shown);
			}
		}
		catch (RuntimeException ex) {
			// the message is stored: only the list's preview is behind, until the next
			// one
			if (StoreOutage.causedBy(ex)) {
				log.warn("Chat: store unavailable while updating a conversation's preview");
			}
			else {
				log.error("Chat: updating a conversation's preview failed", ex);
			}
		}
		this.delivery.message(conversation, message);
		this.events.publishEvent(new MessagePosted(conversation.id(), message.seq(), message.senderId(),
				message.kindOrText(), message.body(), message.createdAt(), message.data()));
	}

	/**
	 * What an earlier send with the same client message id left: its acknowledgement once
	 * its message is stored; or, when its sender died before storing it, the claim taken
	 * over (with the number it claimed, if any); or nothing when the claim is gone.
	 */
	private Earlier earlier(String dedupId, String conversationId, String clientMessageId, Instant now) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (System.nanoTime() < deadline) {
			Document claim = this.messages.findClaim(dedupId).orElse(null);
			if (claim == null) {
				return Earlier.NONE;
			}
			if (!conversationId.equals(claim.getString("conversationId"))) {
				throw ChatProblem.invalid("message.id-reused",
						"This client message id was already used in another conversation.", clientMessageId);
			}
			// the claim names its number (earlier versions named the message once stored)
			Number claimedSeq = claim.get("seq", Number.class);
			String messageId = (claimedSeq != null) ? MessageDocument.idOf(conversationId, claimedSeq.longValue())
					: claim.getString("messageId");
			MessageDocument message = (messageId != null) ? this.messages.findById(messageId).orElse(null) : null;
			if (message != null) {
				this.durability.awaitDurable();
				return new Earlier(new Ack(clientMessageId, message.id(), conversationId, message.seq(),
						message.createdAt(), true), null, message);
			}
			Document taken = this.messages.takeOverStaleClaim(dedupId, now.minus(STALE_CLAIM), now).orElse(null);
			if (taken != null) {
				Number seq = taken.get("seq", Number.class);
				return new Earlier(null, (seq != null) ? seq.longValue() : null, null);
			}
			sleepBriefly();
		}
		throw new ChatProblem(409, "message.in-progress", "This message is still being stored; retry shortly.",
				clientMessageId);
	}

	private Bucket sendRate(String userId) {
		int perMinute = this.settings.sendsPerMinute();
		pruneSendRates(perMinute);
		return this.sendRates.computeIfAbsent(userId, (id) -> Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
			.build());
	}

	/**
	 * Forgets the buckets that have filled up again (the same as a new one), at most once
	 * a minute, so the map holds only users who sent in the last minute or so.
	 */
	private void pruneSendRates(int perMinute) {
		Instant now = this.clock.instant();
		Instant last = this.sendRatesPrunedAt.get();
		if (now.isBefore(last.plus(Duration.ofMinutes(1))) || !this.sendRatesPrunedAt.compareAndSet(last, now)) {
			return;
		}
		this.sendRates.values().removeIf((bucket) -> bucket.getAvailableTokens() >= perMinute);
	}

	private String checkedClientMessageId(@Nullable String clientMessageId) {
		if (clientMessageId == null || !CLIENT_MESSAGE_ID.matcher(clientMessageId).matches()) {
			throw ChatProblem.invalid("message.invalid-client-id", "Every message needs a client message id (a UUID).",
					clientMessageId);
		}
		return clientMessageId;
	}

	private String checkedBody(@Nullable String rawBody, String clientMessageId) {
		String body = (rawBody != null) ? LINE_BREAK.matcher(rawBody).replaceAll("\n").strip() : "";
		if (body.isEmpty()) {
			throw ChatProblem.invalid("message.empty", "A message cannot be empty.", clientMessageId);
		}
		if (body.codePointCount(0, body.length()) > this.settings.maxBodyLength()) {
			throw ChatProblem.invalid("message.too-long",
					"A message can be at most " + this.settings.maxBodyLength() + " characters.", clientMessageId);
		}
		if (FORBIDDEN.matcher(body).find()) {
			throw ChatProblem.invalid("message.control-characters",
					"A message cannot contain control characters other than new lines.", clientMessageId);
		}
		return body;
	}

	/** A message before it has a sequence number. */
	private record Draft(String conversationId, String senderId, String clientMessageId, MessageKind kind, String body,
			@Nullable Map<String, Object> data, Instant createdAt) {

		MessageDocument numbered(long seq) {
			return new MessageDocument(MessageDocument.idOf(this.conversationId, seq), this.conversationId, seq,
					this.senderId, this.clientMessageId, this.kind, this.body, this.data, this.createdAt);
		}

	}

	/**
	 * @param ack the acknowledgement of the message stored before
	 * @param reservedSeq the sequence number a sender who died had reserved
	 */
	private record Earlier(@Nullable Ack ack, @Nullable Long reservedSeq, @Nullable MessageDocument stored) {

		static final Earlier NONE = new Earlier(null, null, null);

	}

	private static void sleepBriefly() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
