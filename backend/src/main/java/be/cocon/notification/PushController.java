package be.cocon.notification;

import java.util.EnumSet;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import be.cocon.identity.CurrentUser;

/**
 * A signed-in user's Web Push: the server's public key, their devices, and which kinds of
 * notification they want (all off until they opt in).
 */
@RestController
class PushController {

	private final PushSubscriptionService subscriptions;

	private final VapidKeyring keyring;

	PushController(PushSubscriptionService subscriptions, VapidKeyring keyring) {
		this.subscriptions = subscriptions;
		this.keyring = keyring;
	}

	@GetMapping("/api/push/vapid-public-key")
	VapidKey vapidPublicKey() {
		return new VapidKey(this.keyring.publicKey());
	}

	/** Registers this browser, or renews its keys; the answer names it for removal. */
	@PutMapping("/api/push/subscriptions")
	Registered register(@RequestBody Subscription subscription, Authentication authentication) {
		Keys keys = subscription.keys();
		String id = this.subscriptions.register(me(authentication), subscription.endpoint(),
				(keys != null) ? keys.p256dh() : null, (keys != null) ? keys.auth() : null);
		return new Registered(id);
	}

	@DeleteMapping("/api/push/subscriptions/{deviceId}")
	ResponseEntity<Void> remove(@PathVariable String deviceId, Authentication authentication) {
		this.subscriptions.remove(me(authentication), deviceId);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/push/preferences")
	Preferences preferences(Authentication authentication) {
		return Preferences.of(this.subscriptions.of(me(authentication)));
	}

	/** Switches kinds on or off; a kind left out keeps its setting. */
	@PutMapping("/api/push/preferences")
	Preferences setPreferences(@RequestBody PreferenceChange change, Authentication authentication) {
		String me = me(authentication);
		Set<PushType> types = EnumSet.noneOf(PushType.class);
		types.addAll(this.subscriptions.of(me).types());
		apply(types, PushType.MESSAGES, change.messages());
		apply(types, PushType.NUDGES, change.nudges());
		apply(types, PushType.CHECKIN_REMINDERS, change.checkinReminders());
		return Preferences.of(this.subscriptions.setTypes(me, types));
	}

	private static void apply(Set<PushType> types, PushType type, @Nullable Boolean on) {
		if (Boolean.TRUE.equals(on)) {
			types.add(type);
		}
		else if (Boolean.FALSE.equals(on)) {
			types.remove(type);
		}
	}

	private static String me(Authentication authentication) {
		return CurrentUser.id(authentication).value();
	}

	/**
	 * @param publicKey the VAPID public key (base64url), the browser's
	 * applicationServerKey
	 */
	record VapidKey(String publicKey) {
	}

	/**
	 * A browser's {@code PushSubscription} as its {@code toJSON()} gives it.
	 *
	 * @param endpoint the push service URL
	 * @param keys the browser's encryption keys
	 */
	@Schema(name = "PushSubscription")
	record Subscription(@Nullable String endpoint, @Nullable Keys keys) {
	}

	/**
	 * @param p256dh the browser's P-256 public key, base64url (65 bytes)
	 * @param auth the browser's authentication secret, base64url (16 bytes)
	 */
	@Schema(name = "PushSubscriptionKeys")
	record Keys(@Nullable String p256dh, @Nullable String auth) {
	}

	/**
	 * @param id the device's id, for {@code DELETE /api/push/subscriptions/{id}}
	 */
	@Schema(name = "PushDevice")
	record Registered(String id) {
	}

	/**
	 * @param messages new chat messages
	 * @param nudges nudges from the therapist
	 * @param checkinReminders the daily check-in reminder
	 * @param devices how many devices are registered
	 */
	@Schema(name = "PushPreferences")
	record Preferences(boolean messages, boolean nudges, boolean checkinReminders, int devices) {

		static Preferences of(PushUser user) {
			return new Preferences(user.types().contains(PushType.MESSAGES), user.types().contains(PushType.NUDGES),
					user.types().contains(PushType.CHECKIN_REMINDERS), user.devices().size());
		}

	}

	/** Each kind: true to switch it on, false off, left out to keep. */
	@Schema(name = "PushPreferenceChange")
	record PreferenceChange(@Nullable Boolean messages, @Nullable Boolean nudges, @Nullable Boolean checkinReminders) {
	}

}
