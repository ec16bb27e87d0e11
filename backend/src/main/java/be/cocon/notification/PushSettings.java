package be.cocon.notification;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of Web Push ({@code cocon.push.*}).
 *
 * @param vapidPublicKey the VAPID public key, an uncompressed P-256 point in base64url
 * (65 bytes); with the private key, or neither: then a pair is made once and kept in the
 * store
 * @param vapidPrivateKey the VAPID private key, the raw 32-byte scalar in base64url
 * @param subject who runs this server, for the push services ({@code mailto:} or
 * {@code https:})
 * @param endpointHosts push services a subscription may point at: a host or a domain it
 * ends in; an empty list allows any host (not recommended: the server posts to it)
 * @param allowHttpEndpoints accept {@code http:} endpoints (tests with a local receiver
 * only; real push services use https)
 * @param maxDevices subscriptions per user; a new one replaces the oldest
 * @param messageCoalesce at most one message notification per user in this time
 * @param timeToLive how long a push service keeps an undelivered notification
 * @param timeout how long to wait for a push service
 * @param senderThreads threads that send (off the request thread)
 * @param queueCapacity notifications waiting to be sent; more are dropped with a warning
 */
@ConfigurationProperties("cocon.push")
record PushSettings(@Nullable String vapidPublicKey, @Nullable String vapidPrivateKey,
		@DefaultValue("mailto:privacy@cocon.invalid") String subject, @DefaultValue( {
				"fcm.googleapis.com", "push.services.mozilla.com", "push.apple.com",
				"notify.windows.com" }) List<String> endpointHosts,
		@DefaultValue("false") boolean allowHttpEndpoints, @DefaultValue("5") int maxDevices,
		@DefaultValue("5m") Duration messageCoalesce, @DefaultValue("12h") Duration timeToLive,
		@DefaultValue("10s") Duration timeout, @DefaultValue("2") int senderThreads,
		@DefaultValue("1000") int queueCapacity){

	boolean hasConfiguredKeys() {
		return this.vapidPublicKey != null && !this.vapidPublicKey.isBlank() && this.vapidPrivateKey != null
				&& !this.vapidPrivateKey.isBlank();
	}

}
