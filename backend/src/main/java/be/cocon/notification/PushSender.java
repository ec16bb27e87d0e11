package be.cocon.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;

import com.interaso.webpush.WebPush;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Sends one notification to one device: the library builds the VAPID authorization and
 * the aes128gcm body, the JDK's HTTP client posts it (with our timeouts). A device the
 * push service no longer knows (404 or 410) is removed; any other failure is one warning
 * line naming the push service's host and the status, never the endpoint's path (a
 * capability) or the keys.
 */
@Component
class PushSender {

	private static final Logger log = LoggerFactory.getLogger(PushSender.class);

	private final VapidKeyring keyring;

	private final PushUsers users;

	private final PushSettings settings;

	private final HttpClient http;

	PushSender(VapidKeyring keyring, PushUsers users, PushSettings settings) {
		this.keyring = keyring;
		this.users = users;
		this.settings = settings;
		this.http = HttpClient.newBuilder()
			.connectTimeout(settings.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * @return whether the push service accepted it
	 */
	boolean send(String userId, PushUser.Device device, PushType type, byte[] payload) {
		WebPush push = new WebPush(this.settings.subject(), this.keyring.keys());
		Base64.Decoder base64 = Base64.getUrlDecoder();
		byte[] body = push.getBody(payload, base64.decode(device.p256dh()), base64.decode(device.auth()));
		Map<String, String> headers = push.getHeaders(device.endpoint(), (int) this.settings.timeToLive().toSeconds(),
				type.topic(), WebPush.Urgency.Normal);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(device.endpoint()))
			.timeout(this.settings.timeout())
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		headers.forEach(request::header);
		String host = URI.create(device.endpoint()).getHost();
		try {
			int status = this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
			if (status == 404 || status == 410) {
				this.users.removeDevice(userId, device.id());
				log.info("Web Push: a subscription at {} has expired ({}); removed", host, status);
				return false;
			}
			if (status < 200 || status >= 300) {
				log.warn("Web Push: {} answered {} to a {} notification", host, status, type);
				return false;
			}
			return true;
		}
		catch (IOException ex) {
			log.warn("Web Push: {} could not be reached for a {} notification ({})", host, type,
					ex.getClass().getSimpleName());
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
