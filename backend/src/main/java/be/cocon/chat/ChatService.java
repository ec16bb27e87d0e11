package be.cocon.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import be.cocon.chat.ChatViews.Ack;
import be.cocon.chat.ChatViews.MessagePage;
import be.cocon.chat.ChatViews.MessageView;
import be.cocon.platform.Durability;

/**
 * Sending (idempotent, ordered, acknowledged only once stored), history and read markers.
 * Delivery to live sessions is {@link ChatDelivery}'s job.
 */
@Service
class ChatService implements GuideMessages {

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

	private final Map<String, Bucket> sendRates = new ConcurrentHashMap<>();

	private final AtomicReference<Instant> sendRatesPrunedAt = new AtomicReference<>(Instant.EPOCH);

	ChatService(Conversations conversations, Messages messages, Durability durability, ChatDelivery delivery,
			ApplicationEventPublisher events, ChatSettings settings, Clock clock) {
		this.conversations = conversations;
		this.messages = messages;
		this.durability = durability;
		this.delivery = delivery;
		this.events = events;
		this.settings = settings;
		this.clock = clock;
	}

	Ack send(String senderId, String conversationId, @Nullable String clientMessageId, @Nullable String rawBody) {
		String body = checkedBody(rawBody, checkedClientMessageId(clientMessageId));
		ConversationDocument conversation = participantConversation(senderId, conversationId, clientMessageId);
		if (conversation.kind() == ConversationKind.GUIDE) {
			throw ChatProblem.invalid("conversation.guide-answers-only",
					"In a guide conversation you answer the steps; free text goes to your therapist.", clientMessageId);
		}
		if (conversation.kind() == ConversationKind.CHECKIN) {
			throw ChatProblem.invalid("conversation.read-only",
					"This conversation only carries check-in reminders; answer with a check-in.", clientMessageId);
		}
		if (conversation.isClosed()) {
			throw closed(clientMessageId);
		}
		String dedupId = senderId + ":" + clientMessageId.toLowerCase(Locale.ROOT);
		Instant now = this.clock.instant();
		Earlier earlier = Earlier.NONE;
		if (!this.messages.claim(dedupId, conversation.id(), now)) {
			earlier = earlier(dedupId, conversation.id(), clientMessageId, now);
			if (earlier.ack() != null) {
				republish(earlier);
				return earlier.ack();
			}
		}
		// a taken-over send with a reserved number was counted when it was first sent
		if (earlier.reservedSeq() == null && !this.sendRate(senderId).tryConsume(1)) {
			this.messages.releaseClaim(dedupId);
			throw new ChatProblem(429, "message.rate-limited",
					"You are sending messages very fast; please wait a moment.", clientMessageId);
		}
		// a moderator who stepped in is marked on each message, so the mark outlives
		// their participation
		Map<String, Object> data = conversation.isModerator(senderId) ? Map.of("senderRole", "MODERATOR") : null;
		Long seq = earlier.reservedSeq();
		if (seq == null) {
			// the conversation may have been closed since it was read: the number is only
			// handed out while it is open
			seq = this.conversations.nextSeqIfOpen(conversation.id()).orElse(null);
			if (seq == null) {
				this.messages.releaseClaim(dedupId);
				throw closed(clientMessageId);
			}
			this.messages.reserveSeq(dedupId, seq);
		}
		MessageDocument message = store(
				new Draft(conversation.id(), senderId, clientMessageId, MessageKind.TEXT, body, data, now), dedupId,
				seq);
		this.durability.awaitDurable();
		afterStored(conversation, message);
		return new Ack(clientMessageId, message.id(), conversation.id(), message.seq(), message.createdAt(), false);
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
		ConversationDocument conversation = this.conversations.findById(conversationId)
			.orElseThrow(() -> ChatProblem.notFound(conversationId, clientMessageId));
		// module posts name their messages per conversation, so the conversation is part
		// of the key
		String dedupId = conversationId + ":" + senderId + ":" + clientMessageId;
		Instant now = this.clock.instant();
		Earlier earlier = Earlier.NONE;
		if (!this.messages.claim(dedupId, conversationId, now)) {
			earlier = earlier(dedupId, conversationId, clientMessageId, now);
			if (earlier.ack() != null) {
				republish(earlier);
				return earlier.ack().seq();
			}
		}
		MessageDocument message = store(new Draft(conversationId, senderId, clientMessageId, kind, body, data, now),
				dedupId, earlier.reservedSeq());
		this.durability.awaitDurable();
		afterStored(conversation, message);
		return message.seq();
	}

	/**
	 * Stores a message under the claim: with the sequence number reserved by a sender who
	 * died, or else the next one, which is noted in the claim before the insert so that a
	 * later takeover finds it.
	 */
	private MessageDocument store(Draft draft, String dedupId, @Nullable Long reservedSeq) {
		long seq;
		if (reservedSeq != null) {
			seq = reservedSeq;
		}
		else {
			seq = this.conversations.nextSeq(draft.conversationId());
			this.messages.reserveSeq(dedupId, seq);
		}
		MessageDocument message = this.messages.insertIfAbsent(draft.numbered(seq));
		this.messages.completeClaim(dedupId, message.id());
		return message;
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

	private void afterStored(ConversationDocument conversation, MessageDocument message) {
		String preview = (message.body().length() > PREVIEW_LENGTH) ? message.body().substring(0, PREVIEW_LENGTH) + "…"
				: message.body();
		this.conversations.setPreview(conversation.id(),
				new ConversationDocument.Preview(message.seq(), message.senderId(), preview, message.createdAt()));
		// writing a message means having read the conversation up to it
		this.conversations.noteSent(conversation.id(), message.senderId(), message.seq(), message.createdAt());
		this.delivery.message(conversation, message);
		this.events.publishEvent(new MessagePosted(conversation.id(), message.seq(), message.senderId(),
				message.kindOrText(), message.body(), message.createdAt(), message.data()));
	}

	/**
	 * What an earlier send with the same client message id left: its acknowledgement once
	 * stored; or, when its sender died before completing the claim, the claim taken over
	 * (with the sequence number it reserved, if any); or nothing when it was released.
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
			String messageId = claim.getString("messageId");
			if (messageId != null) {
				MessageDocument message = this.messages.findById(messageId).orElseThrow();
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
