package be.cocon.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One STOMP session over the JDK's WebSocket client: a light client (no Spring, one
 * shared HTTP client and its selector thread for all sessions) so that thousands of
 * sessions fit in one JVM. The JDK allows one outstanding send per WebSocket, so frames
 * wait in an outbox and go out one after the other, in the order they were queued.
 * Received frames are handed to the {@link Listener} on the HTTP client's executor, one
 * at a time per connection.
 */
final class StompConnection {

	/** What a connection reports; called one at a time per connection. */
	interface Listener {

		void frame(StompConnection connection, StompFrame frame);

		/** The WebSocket closed or failed; {@code reason} says how. */
		void closed(StompConnection connection, String reason);

	}

	private final Queue<String> outbox = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean sending = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final Listener listener;

	private volatile WebSocket socket;

	private StompConnection(Listener listener) {
		this.listener = listener;
	}

	/**
	 * Opens the WebSocket (with the browser's {@code Origin} header, which the server
	 * requires) and sends CONNECT; completes once the socket is open.
	 */
	static CompletableFuture<StompConnection> open(HttpClient http, URI uri, String origin, StompFrame connect,
			Duration timeout, Listener listener) {
		StompConnection connection = new StompConnection(listener);
		return http.newWebSocketBuilder()
			.header("Origin", origin)
			.connectTimeout(timeout)
			.buildAsync(uri, connection.new Receiver())
			.thenApply((socket) -> {
				connection.socket = socket;
				connection.send(connect);
				return connection;
			});
	}

	void send(StompFrame frame) {
		sendEncoded(frame.encode());
	}

	/** Sends a frame already encoded (a message sent again is encoded once). */
	void sendEncoded(String frame) {
		this.outbox.add(frame);
		flush();
	}

	boolean isClosed() {
		return this.closed.get();
	}

	/** Sends DISCONNECT and closes the socket without waiting for the server. */
	void close() {
		if (this.closed.compareAndSet(false, true) && this.socket != null) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally((ex) -> null);
		}
	}

	/** Cuts the connection at once (no close handshake). */
	void abort() {
		this.closed.set(true);
		if (this.socket != null) {
			this.socket.abort();
		}
	}

	private void flush() {
		while (!this.closed.get() && this.sending.compareAndSet(false, true)) {
			String frame = this.outbox.poll();
			if (frame == null) {
				this.sending.set(false);
				if (this.outbox.isEmpty()) {
					return;
				}
				continue;
			}
			CompletableFuture<WebSocket> sent = this.socket.sendText(frame, true);
			if (!sent.isDone()) {
				sent.whenComplete((socket, failure) -> {
					this.sending.set(false);
					if (failure != null) {
						failed("send failed: " + failure.getClass().getSimpleName());
					}
					else {
						flush();
					}
				});
				return;
			}
			this.sending.set(false);
			if (sent.isCompletedExceptionally()) {
				failed("send failed");
				return;
			}
		}
	}

	private void failed(String reason) {
		if (this.closed.compareAndSet(false, true)) {
			this.listener.closed(this, reason);
		}
		if (this.socket != null) {
			this.socket.abort();
		}
	}

	private final class Receiver implements WebSocket.Listener {

		private final StompDecoder decoder = new StompDecoder();

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			try {
				for (StompFrame frame : this.decoder.feed(data)) {
					StompConnection.this.listener.frame(StompConnection.this, frame);
				}
			}
			catch (RuntimeException ex) {
				failed("bad frame: " + ex.getMessage());
				return null;
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			if (StompConnection.this.closed.compareAndSet(false, true)) {
				StompConnection.this.listener.closed(StompConnection.this, "closed by server (" + statusCode + ")");
			}
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			if (StompConnection.this.closed.compareAndSet(false, true)) {
				StompConnection.this.listener.closed(StompConnection.this,
						"transport error: " + error.getClass().getSimpleName());
			}
		}

	}

}
