package be.cocon.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import be.cocon.platform.Durability;

/**
 * Fills the store for {@link HistoryBenchmark}. Conversations are opened through the chat
 * service, as the app opens them. Messages go through the app's own {@link MongoTemplate}
 * in batches, so their bodies are sealed by the same converter as in production, only
 * without the one-by-one send path (which would take hours for a million). Each
 * conversation then gets its counter, preview and read marker, as after its last send.
 */
final class HistoryFill {

	/**
	 * Notes what the store was filled with, so a later run on the same folder reuses it.
	 */
	static final String MARKER = "history_benchmark";

	private static final long SEED = 20260;

	private static final List<String> WORDS = List.of("ik", "je", "niet", "wel", "vandaag", "school", "slapen", "moe",
			"bang", "blij", "mama", "papa", "vriend", "oefening", "ademhaling", "huiswerk", "weekend", "goed", "slecht",
			"echt", "misschien", "morgen", "praten", "voel", "me", "beter", "dankjewel", "ok", "I", "feel", "today",
			"tired", "sleep", "again", "thanks", "talk", "maybe", "tomorrow", "haha", "😅", "🙂", "lol");

	private final MongoTemplate mongo;

	private final GuideMessages chat;

	private final Conversations conversations;

	private final Durability durability;

	HistoryFill(MongoTemplate mongo, GuideMessages chat, Conversations conversations, Durability durability) {
		this.mongo = mongo;
		this.chat = chat;
		this.conversations = conversations;
		this.durability = durability;
	}

	/**
	 * A benchmark conversation: a client and their therapist.
	 *
	 * @param id conversation id, computed as the app computes it
	 * @param clientId the client
	 * @param therapistId the therapist
	 * @param lastSeq its number of messages
	 */
	record Conversation(String id, String clientId, String therapistId, long lastSeq) {
	}

	/**
	 * The same conversations every time for the same counts: message counts drawn from an
	 * exponential distribution around the mean (a few long conversations, many short
	 * ones), each at least one, adding up to {@code messages} exactly.
	 */
	static List<Conversation> plan(int conversationCount, int messageCount) {
		if (messageCount < conversationCount) {
			throw new IllegalArgumentException("Need at least one message per conversation");
		}
		Random random = new Random(SEED);
		int therapistCount = Math.max(1, conversationCount / 25);
		List<String> therapists = new ArrayList<>();
		for (int i = 0; i < therapistCount; i++) {
			therapists.add(uuid(random));
		}
		double mean = (double) messageCount / conversationCount;
		long[] lengths = new long[conversationCount];
		long total = 0;
		for (int i = 0; i < conversationCount; i++) {
			lengths[i] = Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * mean));
			total += lengths[i];
		}
		while (total != messageCount) {
			int i = random.nextInt(conversationCount);
			if (total < messageCount) {
				lengths[i]++;
				total++;
			}
			else if (lengths[i] > 1) {
				lengths[i]--;
				total--;
			}
		}
		List<Conversation> plan = new ArrayList<>();
		for (int i = 0; i < conversationCount; i++) {
			String client = uuid(random);
			String therapist = therapists.get(i % therapistCount);
			plan.add(
					new Conversation(ConversationDocument.therapyId(client, therapist), client, therapist, lengths[i]));
		}
		return plan;
	}

	/**
	 * Whether the store holds this plan already (from an earlier run on the same folder).
	 */
	boolean holds(List<Conversation> plan, long messageCount) {
		Document marker = this.mongo.findById("fill", Document.class, MARKER);
		return marker != null && marker.get("conversations", Number.class).intValue() == plan.size()
				&& marker.get("messages", Number.class).longValue() == messageCount;
	}

	/**
	 * Stores the plan's conversations and messages, in the order they would have been
	 * written over a year: the conversations interleaved, each in its own order.
	 */
	void store(List<Conversation> plan, int batchSize) {
		long started = System.nanoTime();
		for (Conversation conversation : plan) {
			this.chat.open(conversation.id(), ConversationKind.THERAPY,
					List.of(conversation.clientId(), conversation.therapistId()));
		}
		System.out.printf("  %,d conversations opened in %.1f s%n", plan.size(), seconds(started));
		int[] order = interleaved(plan);
		Random random = new Random(SEED + 1);
		Instant start = Instant.now().minus(Duration.ofDays(365));
		long step = Duration.ofDays(365).toMillis() / order.length;
		long[] next = new long[plan.size()];
		MessageDocument[] last = new MessageDocument[plan.size()];
		List<MessageDocument> batch = new ArrayList<>(batchSize);
		long insertStarted = System.nanoTime();
		for (int k = 0; k < order.length; k++) {
			int c = order[k];
			Conversation conversation = plan.get(c);
			long seq = ++next[c];
			String sender = (random.nextInt(5) < 3) ? conversation.clientId() : conversation.therapistId();
			MessageDocument message = new MessageDocument(MessageDocument.idOf(conversation.id(), seq),
					conversation.id(), seq, sender, uuid(random), MessageKind.TEXT, body(random), null,
					start.plusMillis(k * step));
			batch.add(message);
			last[c] = message;
			if (batch.size() == batchSize || k == order.length - 1) {
				this.mongo.insert(batch, MessageDocument.class);
				batch.clear();
			}
			if ((k + 1) % 100_000 == 0 || k == order.length - 1) {
				double s = seconds(insertStarted);
				System.out.printf("  %,d messages stored in %.1f s (%,.0f/s)%n", k + 1, s, (k + 1) / s);
			}
		}
		for (int c = 0; c < plan.size(); c++) {
			finish(plan.get(c), last[c]);
		}
		this.durability.awaitDurable();
		System.out.printf("  fill done in %.1f s%n", seconds(started));
	}

	/** Notes that the store holds this plan, for {@link #holds}. */
	void mark(List<Conversation> plan, long messageCount) {
		this.mongo.save(
				new Document("_id", "fill").append("conversations", plan.size()).append("messages", messageCount),
				MARKER);
		this.durability.awaitDurable();
	}

	/**
	 * Leaves the conversation as its last send would: counter, preview, the sender's read
	 * marker, the last-sent time.
	 */
	private void finish(Conversation conversation, MessageDocument last) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(conversation.id())),
				new Update().set("lastSeq", last.seq()), ConversationDocument.class);
		String preview = (last.body().length() > 80) ? last.body().substring(0, 80) + "…" : last.body();
		// the preview, the read marker and the last-sent time in one update
		this.conversations.notePosted(conversation.id(),
				new ConversationDocument.Preview(last.seq(), last.senderId(), preview, last.createdAt()));
	}

	/** Each conversation's index as often as it has messages, shuffled. */
	private static int[] interleaved(List<Conversation> plan) {
		int total = Math.toIntExact(plan.stream().mapToLong(Conversation::lastSeq).sum());
		int[] order = new int[total];
		int k = 0;
		for (int c = 0; c < plan.size(); c++) {
			for (long n = 0; n < plan.get(c).lastSeq(); n++) {
				order[k++] = c;
			}
		}
		Random random = new Random(SEED + 2);
		for (int i = order.length - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int swap = order[i];
			order[i] = order[j];
			order[j] = swap;
		}
		return order;
	}

	/** A chat line of 1 to about 60 words; most are short. */
	private static String body(Random random) {
		int words = 1 + (int) Math.min(60, -Math.log(1 - random.nextDouble()) * 12);
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < words; i++) {
			if (i > 0) {
				text.append(' ');
			}
			text.append(WORDS.get(random.nextInt(WORDS.size())));
		}
		return text.toString();
	}

	private static String uuid(Random random) {
		return new UUID(random.nextLong(), random.nextLong()).toString();
	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) / 1e9;
	}

}
