package be.cocon.notification;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in push service on 127.0.0.1, and the browser side of one subscription: the
 * test's own P-256 key pair and auth secret, so it can decrypt what the server sends.
 * Each path is one subscription; the status it answers can be changed.
 */
final class PushReceiver implements AutoCloseable {

	private final HttpServer server;

	private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

	private volatile int status = 201;

	private final KeyPair keys;

	private final byte[] authSecret = new byte[16];

	PushReceiver() throws IOException, GeneralSecurityException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				this.received.add(new Received(exchange.getRequestURI().getPath(),
						Map.copyOf(exchange.getRequestHeaders()), body.readAllBytes()));
			}
			exchange.sendResponseHeaders(this.status, -1);
			exchange.close();
		});
		this.server.start();
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		this.keys = generator.generateKeyPair();
		new java.security.SecureRandom().nextBytes(this.authSecret);
	}

	String endpoint(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/" + path;
	}

	/** The subscription JSON a browser would send for the path. */
	String subscriptionJson(String path) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		return "{\"endpoint\":\"" + endpoint(path) + "\",\"keys\":{\"p256dh\":\""
				+ base64.encodeToString(WebPushDecryption.uncompressed((ECPublicKey) this.keys.getPublic()))
				+ "\",\"auth\":\"" + base64.encodeToString(this.authSecret) + "\"}}";
	}

	void answer(int status) {
		this.status = status;
	}

	/** The next push, or null after 10 s. */
	Received next() throws InterruptedException {
		return this.received.poll(10, TimeUnit.SECONDS);
	}

	/** Decrypts a push with this subscription's keys. */
	String decrypt(Received push) throws GeneralSecurityException {
		return WebPushDecryption.decrypt(push.body(), this.keys, this.authSecret);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Received(String path, Map<String, List<String>> headers, byte[] body) {

		String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

}
