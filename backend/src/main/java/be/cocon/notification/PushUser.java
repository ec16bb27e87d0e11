package be.cocon.notification;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One user's Web Push state, under their account id: everything a send needs is one
 * {@code _id} lookup.
 *
 * @param userId the account (the document id)
 * @param devices the registered subscriptions, oldest first
 * @param types the kinds of notification the user opted in to
 * @param lastMessagePushAt when the last message notification went out (coalescing)
 */
@Document(PushUser.COLLECTION)
record PushUser(@Id String userId, List<Device> devices, Set<PushType> types, @Nullable Instant lastMessagePushAt) {

	static final String COLLECTION = "push_subscriptions";

	static PushUser empty(String userId) {
		return new PushUser(userId, List.of(), Set.of(), null);
	}

	/**
	 * A browser's push subscription.
	 *
	 * @param id derived from the endpoint (the API names a device by it)
	 * @param endpoint the push service URL (a capability: never logged)
	 * @param p256dh the browser's public key, base64url
	 * @param auth the browser's authentication secret, base64url
	 * @param createdAt when it was registered
	 */
	record Device(String id, String endpoint, String p256dh, String auth, Instant createdAt) {
	}

}
