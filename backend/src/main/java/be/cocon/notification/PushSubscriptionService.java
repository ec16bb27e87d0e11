package be.cocon.notification;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import be.cocon.platform.ApiProblem;

/**
 * Registering and removing a user's devices, and their opt-in per kind. A subscription is
 * checked before it is kept: the server will post to its endpoint, so only the push
 * services on the list (https) are accepted, and the keys must have the sizes Web Push
 * encryption needs.
 */
@Service
class PushSubscriptionService {

	static final String INVALID = "push.invalid-subscription";

	private static final int MAX_ENDPOINT = 2048;

	private final PushUsers users;

	private final PushSettings settings;

	private final Clock clock;

	PushSubscriptionService(PushUsers users, PushSettings settings, Clock clock) {
		this.users = users;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Registers the device, or replaces the one with the same endpoint (new keys); past
	 * the limit the oldest device makes room. @return the device id
	 */
	String register(String userId, @Nullable String endpoint, @Nullable String p256dh, @Nullable String auth) {
		URI uri = checkedEndpoint(endpoint);
		checkKey("keys.p256dh", p256dh, 65);
		checkKey("keys.auth", auth, 16);
		String id = deviceId(uri.toString());
		PushUser user = this.users.of(userId);
		List<PushUser.Device> devices = new ArrayList<>(user.devices());
		devices.removeIf((device) -> device.id().equals(id));
		devices.add(new PushUser.Device(id, uri.toString(), p256dh, auth, this.clock.instant()));
		while (devices.size() > this.settings.maxDevices()) {
			devices.remove(0);
		}
		this.users.save(new PushUser(userId, devices, user.types(), user.lastMessagePushAt()));
		return id;
	}

	void remove(String userId, String deviceId) {
		this.users.removeDevice(userId, deviceId);
	}

	PushUser of(String userId) {
		return this.users.of(userId);
	}

	PushUser setTypes(String userId, Set<PushType> types) {
		PushUser user = this.users.of(userId);
		PushUser changed = new PushUser(userId, user.devices(), types.isEmpty() ? Set.of() : EnumSet.copyOf(types),
				user.lastMessagePushAt());
		this.users.save(changed);
		return changed;
	}

	private URI checkedEndpoint(@Nullable String endpoint) {
		if (endpoint == null || endpoint.isBlank() || endpoint.length() > MAX_ENDPOINT) {
			throw invalid("endpoint", "The endpoint is required (at most " + MAX_ENDPOINT + " characters).");
		}
		URI uri;
		try {
			uri = new URI(endpoint);
		}
		catch (URISyntaxException ex) {
			throw invalid("endpoint", "The endpoint is not a URL.");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		boolean allowed = scheme.equals("https") || (scheme.equals("http") && this.settings.allowHttpEndpoints());
		if (!allowed || uri.getHost() == null || uri.getUserInfo() != null) {
			throw invalid("endpoint", "The endpoint must be an https URL of a push service.");
		}
		if (!isKnownPushService(uri.getHost().toLowerCase(Locale.ROOT))) {
			throw invalid("endpoint", "This push service is not accepted here.");
		}
		return uri;
	}

	private boolean isKnownPushService(String host) {
		List<String> hosts = this.settings.endpointHosts();
		return hosts.isEmpty() || hosts.stream()
			.map((known) -> known.toLowerCase(Locale.ROOT))
			.anyMatch((known) -> host.equals(known) || host.endsWith("." + known));
	}

	private static void checkKey(String field, @Nullable String value, int bytes) {
		byte[] decoded;
		try {
			decoded = (value != null) ? Base64.getUrlDecoder().decode(value) : new byte[0];
		}
		catch (IllegalArgumentException ex) {
			throw invalid(field, "Not base64url.");
		}
		if (decoded.length != bytes || (bytes == 65 && decoded[0] != 4)) {
			throw invalid(field, (bytes == 65) ? "An uncompressed P-256 public key (65 bytes) in base64url."
					: "A 16-byte secret in base64url.");
		}
	}

	private static ApiProblem invalid(String field, String message) {
		return ApiProblem.badRequest(INVALID, "The push subscription is not valid: " + message)
			.withFieldError(field, message);
	}

	/**
	 * A short stable id for an endpoint, so the API never needs the endpoint in a URL.
	 */
	static String deviceId(String endpoint) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(endpoint.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
