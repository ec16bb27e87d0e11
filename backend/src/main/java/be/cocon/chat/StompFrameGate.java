package be.cocon.chat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.BufferingStompDecoder;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * Reads every WebSocket message of a session before Spring's STOMP handler does and lets
 * through only frames that handler takes without failing. A message that is not STOMP, a
 * frame over the size limit, a frame before CONNECT, a second CONNECT, an unknown STOMP
 * version, a command this server does not support (transactions, acknowledgements, server
 * frames) or a frame without the headers its command needs is the client's mistake: it is
 * answered with one STOMP ERROR frame whose {@code message} starts with the code, the
 * connection is closed, later messages of the session are dropped, and one DEBUG line is
 * logged without any of the frame's content. Spring would log these at ERROR, with the
 * start of the frame and a stack trace, for frames before CONNECT once per frame.
 */
class StompFrameGate extends WebSocketHandlerDecorator {

	private static final Logger log = LoggerFactory.getLogger(StompFrameGate.class);

	private static final byte[] EMPTY = new byte[0];

	private static final StompEncoder ENCODER = new StompEncoder();

	/** How long the ERROR frame waits for a frame Spring is writing to the session. */
	private static final Duration WRITE_WAIT = Duration.ofSeconds(2);

	private static final Pattern HEARTBEAT = Pattern.compile("\\d{1,15},\\d{1,15}");

	private static final List<String> SPOKEN_VERSIONS = List.of("1.1", "1.2");

	/** Where a session receives its error events, as it subscribes to it. */
	private static final String ERRORS = "/user" + ChatDelivery.ERRORS;

	private static final Pattern CLIENT_MESSAGE_ID = Pattern
		.compile("\"clientMessageId\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

	private final int frameSizeLimit;

	private final SendBacklog backlog;

	private final Map<String, GatedSession> sessions = new ConcurrentHashMap<>();

	StompFrameGate(WebSocketHandler delegate, int frameSizeLimit, SendBacklog backlog) {
		super(delegate);
		this.frameSizeLimit = frameSizeLimit;
		this.backlog = backlog;
	}

	/**
	 * Hands Spring a session whose writes this gate can wait for, so that its own ERROR
	 * frame is written after any frame Spring is writing at that moment and before the
	 * connection is closed.
	 */
	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		GatedSession gated = new GatedSession(session,
				new BufferingStompDecoder(new StompDecoder(), this.frameSizeLimit));
		this.sessions.put(session.getId(), gated);
		super.afterConnectionEstablished(gated);
	}

	@Override
	public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
		GatedSession gated = this.sessions.get(session.getId());
		if (gated == null) {
			super.handleMessage(session, message);
			return;
		}
		List<String> busy = null;
		synchronized (gated) {
			if (gated.refused) {
				return;
			}
			gated.sends.clear();
			gated.onlySends = true;
			Refusal refusal = check(gated, message);
			if (refusal != null) {
				gated.refused = true;
				refuse(gated, refusal);
				return;
			}
			if (!gated.sends.isEmpty()) {
				// a message of chat messages alone can be refused as a whole; one that
				// carries other frames too goes on (and is counted) however busy it is
				boolean refusable = gated.onlySends && gated.errorsSubscription != null;
				if (!this.backlog.enter(gated.getId(), gated.sends.size(), !refusable)) {
					busy = List.copyOf(gated.sends);
				}
			}
		}
		if (busy != null) {
			answerBusy(gated, busy);
			return;
		}
		super.handleMessage(gated, message);
	}

	/**
	 * Takes a large WebSocket message in parts (the container's buffer, 8 KiB by
	 * default): this gate and Spring's STOMP handler each put frames together across
	 * messages anyway, and the container then keeps a buffer of its default size per
	 * session instead of one of the frame limit (as characters and as bytes, 192 KiB per
	 * session at 64 KiB).
	 */
	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) throws Exception {
		GatedSession gated = this.sessions.get(session.getId());
		super.handleTransportError((gated != null) ? gated : session, exception);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
		this.backlog.closed(session.getId());
		GatedSession gated = this.sessions.remove(session.getId());
		super.afterConnectionClosed((gated != null) ? gated : session, closeStatus);
	}

	private @Nullable Refusal check(GatedSession state, WebSocketMessage<?> message) {
		ByteBuffer bytes;
		if (message instanceof TextMessage text) {
			bytes = ByteBuffer.wrap(text.asBytes());
		}
		else if (message instanceof BinaryMessage binary) {
			bytes = binary.getPayload().duplicate();
		}
		else {
			return null;
		}
		if (state.decoder.getBufferSize() + bytes.remaining() > this.frameSizeLimit) {
			return Refusal.TOO_LARGE;
		}
		List<Message<byte[]>> frames;
		try {
			frames = state.decoder.decode(bytes);
		}
		catch (RuntimeException ex) {
			// a frame whose content-length alone is over the limit fails in the decoder
			// before the rest of it has arrived
			Integer declared = state.decoder.getExpectedContentLength();
			return (declared != null && declared > this.frameSizeLimit) ? Refusal.TOO_LARGE : Refusal.MALFORMED;
		}
		for (Message<byte[]> frame : frames) {
			StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(frame, StompHeaderAccessor.class);
			Refusal refusal = (accessor != null) ? check(state, accessor) : Refusal.MALFORMED;
			if (refusal != null) {
				return refusal;
			}
			note(state, accessor, frame.getPayload());
		}
		return null;
	}

	/**
	 * Notes the session's chat message sends (with their client message ids) and where it
	 * receives its error events, for answering {@code server.busy}.
	 */
	private static void note(GatedSession state, StompHeaderAccessor frame, byte[] payload) {
		StompCommand command = frame.getCommand();
		if (command == StompCommand.SEND && SendBacklog.isMessageSend(frame.getDestination())) {
			Matcher id = CLIENT_MESSAGE_ID.matcher(new String(payload, StandardCharsets.UTF_8));
			state.sends.add(id.find() ? id.group(1) : "");
			state.destination = frame.getDestination();
			return;
		}
		if (command == StompCommand.SUBSCRIBE && ERRORS.equals(frame.getDestination())) {
			state.errorsSubscription = frame.getSubscriptionId();
		}
		if (command != null) {
			state.onlySends = false;
		}
	}

	/**
	 * Answers each chat message of a refused WebSocket message with the error event
	 * {@code server.busy} on the session's error subscription, written here at once: the
	 * frames never wait in the session's queue.
	 */
	private static void answerBusy(GatedSession session, List<String> clientMessageIds) {
		log.debug("STOMP: too many messages waiting, {} refused as server.busy", clientMessageIds.size());
		for (String clientMessageId : clientMessageIds) {
			StompHeaderAccessor event = StompHeaderAccessor.create(StompCommand.MESSAGE);
			event.setDestination(ERRORS);
			event.setSubscriptionId(session.errorsSubscription);
			event.setMessageId(UUID.randomUUID().toString());
			event.setContentType(MimeTypeUtils.APPLICATION_JSON);
			String json = "{\"code\":\"" + SendAdmission.BUSY + "\",\"detail\":\"" + SendAdmission.BUSY_DETAIL
					+ "\",\"clientMessageId\":" + (clientMessageId.isEmpty() ? "null" : "\"" + clientMessageId + "\"")
					+ ",\"destination\":\"" + jsonText(session.destination) + "\"}";
			try {
				session.sendMessage(new TextMessage(
						ENCODER.encode(event.getMessageHeaders(), json.getBytes(StandardCharsets.UTF_8))));
			}
			catch (IOException | RuntimeException ex) {
				log.debug("STOMP: could not write server.busy to session {}", session.getId());
			}
		}
	}

	private static String jsonText(@Nullable String text) {
		if (text == null) {
			return "";
		}
		StringBuilder escaped = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				escaped.append('\\').append(c);
			}
			else if (c < 0x20) {
				escaped.append(String.format("\\u%04x", (int) c));
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

	private static @Nullable Refusal check(GatedSession state, StompHeaderAccessor frame) {
		StompCommand command = frame.getCommand();
		if (command == null) {
			// a heartbeat
			return null;
		}
		String heartbeat = frame.getFirstNativeHeader(StompHeaderAccessor.STOMP_HEARTBEAT_HEADER);
		if (heartbeat != null && heartbeat.indexOf(',') >= 0 && !HEARTBEAT.matcher(heartbeat).matches()) {
			return Refusal.MALFORMED;
		}
		if (command == StompCommand.CONNECT || command == StompCommand.STOMP) {
			if (state.connected) {
				return Refusal.ALREADY_CONNECTED;
			}
			String versions = frame.getFirstNativeHeader(StompHeaderAccessor.STOMP_ACCEPT_VERSION_HEADER);
			if (versions != null
					&& Arrays.stream(versions.split(",")).map(String::trim).noneMatch(SPOKEN_VERSIONS::contains)) {
				return Refusal.VERSION;
			}
			state.connected = true;
			return null;
		}
		if (!state.connected) {
			return Refusal.CONNECT_FIRST;
		}
		return switch (command) {
			case SEND -> (frame.getDestination() == null) ? Refusal.MALFORMED : null;
			case SUBSCRIBE ->
				(frame.getDestination() == null || frame.getSubscriptionId() == null) ? Refusal.MALFORMED : null;
			case UNSUBSCRIBE -> (frame.getSubscriptionId() == null) ? Refusal.MALFORMED : null;
			case DISCONNECT -> null;
			default -> Refusal.UNSUPPORTED;
		};
	}

	/**
	 * Writes the ERROR frame and closes the connection. Sent through Spring's outbound
	 * channel instead, the frame could be lost: Spring's session closes at once after an
	 * ERROR frame and drops it when another thread is still writing to that session.
	 */
	private static void refuse(GatedSession session, Refusal refusal) {
		log.debug("STOMP: refused a frame and closed session {} ({})", session.getId(), refusal.code);
		StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
		error.setMessage(refusal.code + ": " + refusal.detail);
		TextMessage frame = new TextMessage(ENCODER.encode(error.getMessageHeaders(), EMPTY));
		try {
			if (session.writes.tryLock(WRITE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				try {
					session.getDelegate().sendMessage(frame);
				}
				finally {
					session.writes.unlock();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException | RuntimeException ex) {
			log.debug("STOMP: could not write the ERROR frame to session {}", session.getId());
		}
		try {
			session.getDelegate().close(CloseStatus.PROTOCOL_ERROR);
		}
		catch (IOException ex) {
			log.debug("STOMP: could not close session {}", session.getId());
		}
	}

	/**
	 * The session as Spring's STOMP handler sees it: its writes take a lock the gate's
	 * ERROR frame takes too, and it carries what the gate knows of the session.
	 */
	private static final class GatedSession extends WebSocketSessionDecorator {

		private final BufferingStompDecoder decoder;

		private final ReentrantLock writes = new ReentrantLock();

		private boolean connected;

		private boolean refused;

		/** Client message ids of the chat message sends in the message being checked. */
		private final List<String> sends = new ArrayList<>();

		/** Whether that message holds chat message sends only (heartbeats aside). */
		private boolean onlySends;

		private @Nullable String destination;

		private @Nullable String errorsSubscription;

		GatedSession(WebSocketSession session, BufferingStompDecoder decoder) {
			super(session);
			this.decoder = decoder;
		}

		@Override
		public void sendMessage(WebSocketMessage<?> message) throws IOException {
			this.writes.lock();
			try {
				super.sendMessage(message);
			}
			finally {
				this.writes.unlock();
			}
		}

	}

	/**
	 * Why a frame is refused: the code (the start of the ERROR frame's message) and why.
	 */
	enum Refusal {

		MALFORMED("frame.malformed", "the message is not a well-formed STOMP frame with the headers its command needs"),

		TOO_LARGE("frame.too-large", "the frame is larger than this server takes"),

		CONNECT_FIRST("frame.before-connect", "the first frame must be CONNECT"),

		ALREADY_CONNECTED("frame.second-connect", "this session is already connected"),

		VERSION("frame.unsupported-version", "this server speaks STOMP 1.1 and 1.2"),

		UNSUPPORTED("frame.unsupported-command",
				"this server takes CONNECT, SEND, SUBSCRIBE, UNSUBSCRIBE and DISCONNECT only");

		private final String code;

		private final String detail;

		Refusal(String code, String detail) {
			this.code = code;
			this.detail = detail;
		}

	}

}
