package be.cocon.safety;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

import be.cocon.chat.MessagePosted;
import be.cocon.safety.RiskDetector.Turn;

/**
 * The last few text messages and answers of each active conversation, both sides, so that
 * the detector reads a new message with what came just before it (a means in one line, a
 * time in the next). Kept in memory only, per instance, and bounded: a few messages per
 * conversation, the end of each message, the most recently active conversations, and
 * nothing older than the window.
 */
@Component
class RecentMessages {

	private final SafetySettings.Context settings;

	private final Cache<String, Window> windows;

	RecentMessages(SafetySettings settings) {
		this.settings = settings.context();
		this.windows = Caffeine.newBuilder()
			.maximumSize(this.settings.conversations())
			.expireAfterAccess(this.settings.within())
			.build();
	}

	/**
	 * The messages of the conversation before this one (oldest first, within the window;
	 * {@code writer} when the same person wrote them), and remembers this one for the
	 * next.
	 */
	List<Turn> next(MessagePosted posted) {
		if (this.settings.messages() <= 0) {
			return List.of();
		}
		Window window = this.windows.get(posted.conversationId(), (id) -> new Window());
		Entry entry = new Entry(posted.seq(), posted.senderId(), tail(posted.body()), posted.at());
		return window.next(entry, posted.at().minus(this.settings.within()), this.settings.messages());
	}

	private String tail(String body) {
		int keep = this.settings.characters();
		if (body.length() <= keep) {
			return body;
		}
		int from = body.length() - keep;
		// never start in the middle of a surrogate pair
		return body.substring(Character.isLowSurrogate(body.charAt(from)) ? from + 1 : from);
	}

	private record Entry(long seq, String senderId, String text, Instant at) {
	}

	/** One conversation's recent messages, ordered by sequence number. */
	private static final class Window {

		private final List<Entry> entries = new ArrayList<>();

		synchronized List<Turn> next(Entry entry, Instant notBefore, int kept) {
			this.entries.removeIf((earlier) -> earlier.at().isBefore(notBefore));
			List<Turn> turns = this.entries.stream()
				.filter((earlier) -> earlier.seq() < entry.seq())
				.map((earlier) -> new Turn(earlier.text(), earlier.senderId().equals(entry.senderId())))
				.toList();
			int at = 0;
			while (at < this.entries.size() && this.entries.get(at).seq() < entry.seq()) {
				at++;
			}
			// a message published again (a resend after a crash) is kept once
			if (at == this.entries.size() || this.entries.get(at).seq() != entry.seq()) {
				this.entries.add(at, entry);
			}
			while (this.entries.size() > kept) {
				this.entries.remove(0);
			}
			return (turns.size() > kept) ? turns.subList(turns.size() - kept, turns.size()) : turns;
		}

	}

}
