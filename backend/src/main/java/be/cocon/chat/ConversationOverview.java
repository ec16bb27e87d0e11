package be.cocon.chat;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** For overviews such as a therapist's dashboard: the state of a therapy conversation. */
public interface ConversationOverview {

	/**
	 * The therapy conversation of this client and therapist, as the therapist sees it.
	 */
	Optional<TherapyState> therapyState(String clientId, String therapistId);

	/**
	 * @param conversationId the conversation
	 * @param unreadForTherapist messages after the therapist's read marker
	 * @param lastClientMessageAt when the client last wrote, or null
	 * @param lastMessageAt when anyone last wrote, or null
	 */
	record TherapyState(String conversationId, long unreadForTherapist, @Nullable Instant lastClientMessageAt,
			@Nullable Instant lastMessageAt) {
	}

}
