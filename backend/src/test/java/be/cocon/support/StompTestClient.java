package be.cocon.support;

import java.lang.reflect.Type;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.messaging.simp.stomp.ConnectionLostException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.AbstractMessageConverter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * A real STOMP-over-WebSocket client for tests against the running server. Every frame
 * received on a subscription is kept as JSON in a queue per destination; ERROR frames and
 * transport failures are kept too.
 */
public final class StompTestClient implements AutoCloseable {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String ERROR_FRAME = "ERROR ";

	private static final ThreadPoolTaskScheduler RECEIPTS = receiptScheduler();

	private final Map<String, BlockingQueue<JsonNode>> received = new ConcurrentHashMap<>();

	private final BlockingQueue<String> errors = new LinkedBlockingQueue<>();

	private final List<Received> arrivals = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

	private final StompSession session;

	private final CountDownLatch closed;

	private StompTestClient(StompSession session, CountDownLatch closed) {
		this.session = session;
		this.closed = closed;
	}

	/**
	 * The app's own origin in tests ({@code cocon.identity.issuer}); a browser sends its
	 * origin on every WebSocket handshake, and the server refuses one without it.
	 */
	public static final String APP_ORIGIN = "http://localhost:8080";

	public static StompTestClient connect(int port, String token) throws Exception {
		return connect(port, token, APP_ORIGIN);
	}

	public static StompTestClient connect(int port, String token, String origin) throws Exception {
		WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
		client.setMessageConverter(new RawJson());
		// tracks RECEIPT frames; a receipt not come within 2 s counts as lost
		client.setTaskScheduler(RECEIPTS);
		client.setDefaultHeartbeat(new long[] { 0, 0 });
		client.setReceiptTimeLimit(2000);
		WebSocketHttpHeaders http = new WebSocketHttpHeaders();
		if (origin != null) {
			http.setOrigin(origin);
		}
		StompHeaders connect = new StompHeaders();
		if (token != null) {
			connect.add("Authorization", "Bearer " + token);
		}
		Handler handler = new Handler();
		StompSession session = client.connectAsync("ws://localhost:" + port + "/ws", http, connect, handler)
			.get(10, TimeUnit.SECONDS);
		StompTestClient stomp = new StompTestClient(session, handler.closed);
		handler.owner = stomp;
		return stomp;
	}

	/**
	 * Tries to connect with this token (none when null), expecting to be refused, and
	 * reports what happened within the given time: the STOMP ERROR frame's message header
	 * (null when none came) and whether the server closed the connection.
	 */
	public static Refusal connectExpectingRefusal(int port, String token, long millis) throws InterruptedException {
		WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
		client.setMessageConverter(new RawJson());
		StompHeaders connect = new StompHeaders();
		if (token != null) {
			connect.add("Authorization", "Bearer " + token);
		}
		Handler handler = new Handler();
		WebSocketHttpHeaders http = new WebSocketHttpHeaders();
		http.setOrigin(APP_ORIGIN);
		CompletableFuture<StompSession> session = client.connectAsync("ws://localhost:" + port + "/ws", http, connect,
				handler);
		boolean closed = handler.closed.await(millis, TimeUnit.MILLISECONDS);
		String errorFrame = null;
		for (String report : handler.early) {
			if (report.startsWith(ERROR_FRAME) && errorFrame == null) {
				errorFrame = report.substring(ERROR_FRAME.length());
			}
		}
		boolean connected = session.isDone() && !session.isCompletedExceptionally();
		if (connected) {
			session.join().disconnect();
		}
		return new Refusal(errorFrame, closed, connected);
	}

	/**
	 * @param errorFrame the message header of the ERROR frame, or null when none came
	 * @param closed whether the server closed the connection
	 * @param connected whether a CONNECTED frame came after all
	 */
	public record Refusal(String errorFrame, boolean closed, boolean connected) {
	}

	/** Subscribes to the usual user queues. */
	public StompTestClient subscribeUserQueues() throws InterruptedException {
		for (String queue : List.of("messages", "acks", "errors", "read", "presence")) {
			subscribe("/user/queue/" + queue);
		}
		// let the subscriptions reach the broker before anything is sent
		Thread.sleep(150);
		return this;
	}

	public void subscribe(String destination) {
		this.session.subscribe(destination, handlerFor(destination));
	}

	/**
	 * Subscribes with a {@code receipt} header. @return whether a RECEIPT frame for it
	 * came within 2 s: with the broker relay, the broker sends it once the subscription
	 * is in place
	 */
	public boolean subscribeWithReceipt(String destination) throws InterruptedException {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		headers.setReceipt("receipt-" + UUID.randomUUID());
		return awaitReceipt(this.session.subscribe(headers, handlerFor(destination)));
	}

	/** Whether the RECEIPT came (within the client's 2 s receipt time limit). */
	private static boolean awaitReceipt(StompSession.Receiptable sent) throws InterruptedException {
		CompletableFuture<Boolean> receipt = new CompletableFuture<>();
		sent.addReceiptTask(() -> receipt.complete(true));
		sent.addReceiptLostTask(() -> receipt.complete(false));
		try {
			return receipt.get(5, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new AssertionError("No receipt outcome", ex);
		}
	}

	private StompFrameHandler handlerFor(String destination) {
		BlockingQueue<JsonNode> queue = this.received.computeIfAbsent(destination,
				(key) -> new LinkedBlockingQueue<>());
		return new StompFrameHandler() {
			@Override
			public Type getPayloadType(StompHeaders headers) {
				return byte[].class;
			}

			@Override
			public void handleFrame(StompHeaders headers, Object payload) {
				JsonNode frame = JSON.readTree((byte[]) payload);
				StompTestClient.this.arrivals.add(new Received(destination, frame));
				queue.add(frame);
			}
		};
	}

	/**
	 * Waits until the server has taken every SUBSCRIBE sent so far, without a fixed
	 * sleep: frames of a session are handled in order, so once an error about a frame
	 * sent after them comes back on {@code /user/queue/errors} (which must be
	 * subscribed), they are all in place. Other errors that arrive meanwhile stay queued.
	 */
	public StompTestClient awaitSubscribed() throws InterruptedException {
		String barrier = "/app/test-barrier-" + UUID.randomUUID();
		send(barrier, "{}");
		List<JsonNode> others = new java.util.ArrayList<>();
		BlockingQueue<JsonNode> queue = this.received.computeIfAbsent("/user/queue/errors",
				(key) -> new LinkedBlockingQueue<>());
		while (true) {
			JsonNode error = next("/user/queue/errors");
			if (barrier.equals(error.path("destination").asString(""))) {
				break;
			}
			others.add(error);
		}
		// keep the order of errors that were not the barrier's
		List<JsonNode> later = new java.util.ArrayList<>();
		queue.drainTo(later);
		queue.addAll(others);
		queue.addAll(later);
		this.arrivals.removeIf((arrival) -> arrival.payload().path("destination").asString("").equals(barrier));
		return this;
	}

	/** Every frame received on a subscription so far, in the order they arrived. */
	public List<Received> arrivals() {
		synchronized (this.arrivals) {
			return List.copyOf(this.arrivals);
		}
	}

	/**
	 * A frame as it arrived.
	 *
	 * @param destination the subscription it came on
	 * @param payload its JSON body
	 */
	public record Received(String destination, JsonNode payload) {
	}

	public void send(String destination, String json) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		headers.setContentType(org.springframework.util.MimeTypeUtils.APPLICATION_JSON);
		this.session.send(headers, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	/**
	 * Sends a frame with a {@code receipt} header. @return whether a RECEIPT frame for it
	 * came within 2 s
	 */
	public boolean sendWithReceipt(String destination, String json) throws InterruptedException {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
		headers.setReceipt("receipt-" + UUID.randomUUID());
		return awaitReceipt(this.session.send(headers, json.getBytes(StandardCharsets.UTF_8)));
	}

	public void sendMessage(String conversationId, String clientMessageId, String body) {
		send("/app/conversations/" + conversationId + "/messages",
				JSON.createObjectNode().put("clientMessageId", clientMessageId).put("body", body).toString());
	}

	/** The next frame on a destination, or fails after a few seconds. */
	public JsonNode next(String destination) throws InterruptedException {
		JsonNode node = this.received.computeIfAbsent(destination, (key) -> new LinkedBlockingQueue<>())
			.poll(10, TimeUnit.SECONDS);
		if (node == null) {
			throw new AssertionError("Nothing arrived on " + destination + " within 10 s");
		}
		return node;
	}

	/**
	 * The next frame on a destination, or null when nothing arrives in the given time.
	 */
	public JsonNode poll(String destination, long millis) throws InterruptedException {
		return this.received.computeIfAbsent(destination, (key) -> new LinkedBlockingQueue<>())
			.poll(millis, TimeUnit.MILLISECONDS);
	}

	/** The next ERROR frame or transport failure, or null. */
	public String nextError(long millis) throws InterruptedException {
		return this.errors.poll(millis, TimeUnit.MILLISECONDS);
	}

	public boolean isConnected() {
		return this.session.isConnected();
	}

	/** Whether the connection is lost or closed by the server within the given time. */
	public boolean awaitClosed(long millis) throws InterruptedException {
		return this.closed.await(millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		if (this.session.isConnected()) {
			try {
				this.session.disconnect();
			}
			catch (MessageDeliveryException ex) {
				// the connection was cut meanwhile
			}
		}
	}

	private static ThreadPoolTaskScheduler receiptScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("stomp-test-receipts-");
		scheduler.setDaemon(true);
		scheduler.initialize();
		return scheduler;
	}

	/** Passes JSON bytes through unchanged, whatever the content type says. */
	private static final class RawJson extends AbstractMessageConverter {

		RawJson() {
			super(List.of(MimeTypeUtils.APPLICATION_JSON, MimeTypeUtils.APPLICATION_OCTET_STREAM,
					MimeTypeUtils.TEXT_PLAIN));
			setStrictContentTypeMatch(false);
		}

		@Override
		protected boolean supports(Class<?> clazz) {
			return byte[].class == clazz;
		}

		@Override
		protected Object convertFromInternal(org.springframework.messaging.Message<?> message, Class<?> targetClass,
				Object conversionHint) {
			return message.getPayload();
		}

		@Override
		protected Object convertToInternal(Object payload, MessageHeaders headers, Object conversionHint) {
			return payload;
		}

	}

	private static final class Handler extends StompSessionHandlerAdapter {

		private StompTestClient owner;

		private final BlockingQueue<String> early = new LinkedBlockingQueue<>();

		private final CountDownLatch closed = new CountDownLatch(1);

		@Override
		public void handleException(StompSession session, StompCommand command, StompHeaders headers, byte[] payload,
				Throwable exception) {
			report("exception: " + exception.getMessage());
		}

		@Override
		public void handleFrame(StompHeaders headers, Object payload) {
			report(ERROR_FRAME + headers.getFirst("message"));
		}

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return byte[].class;
		}

		@Override
		public void handleTransportError(StompSession session, Throwable exception) {
			if (exception instanceof ConnectionLostException) {
				this.closed.countDown();
			}
			report("transport: " + exception.getMessage());
		}

		private void report(String error) {
			if (this.owner != null) {
				this.owner.errors.add(error);
			}
			else {
				this.early.add(error);
			}
		}

	}

}
