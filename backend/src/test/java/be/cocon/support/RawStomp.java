package be.cocon.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * STOMP 1.2 frames written and read by hand over a {@link RawWebSocket}, so a test
 * controls every byte: commands, headers, bodies, order. Frames from the server are
 * parsed one per WebSocket message (as Spring sends them); a bare end of line is a
 * heartbeat and skipped.
 */
public final class RawStomp implements AutoCloseable {

	private final RawWebSocket socket;

	private final List<Frame> received = new ArrayList<>();

	public RawStomp(RawWebSocket socket) {
		this.socket = socket;
	}

	public static RawStomp open(int port, String origin) {
		return new RawStomp(RawWebSocket.open(port, origin));
	}

	/**
	 * A frame.
	 *
	 * @param command the command line
	 * @param headers headers in order (the first of a repeated name)
	 * @param body the body as text
	 */
	public record Frame(String command, Map<String, String> headers, String body) {

		public String header(String name) {
			return this.headers.get(name);
		}

	}

	/** The bytes of a frame: command, headers as given (not escaped), body, NUL. */
	public static byte[] frame(String command, List<String[]> headers, byte[] body) {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.writeBytes(command.getBytes(StandardCharsets.UTF_8));
		frame.write('\n');
		for (String[] header : headers) {
			frame.writeBytes((header[0] + ":" + header[1]).getBytes(StandardCharsets.UTF_8));
			frame.write('\n');
		}
		frame.write('\n');
		frame.writeBytes(body);
		frame.write(0);
		return frame.toByteArray();
	}

	public static byte[] frame(String command, String... headerPairs) {
		List<String[]> headers = new ArrayList<>();
		for (int i = 0; i < headerPairs.length; i += 2) {
			headers.add(new String[] { headerPairs[i], headerPairs[i + 1] });
		}
		return frame(command, headers, new byte[0]);
	}

	/** A header value escaped as STOMP 1.2 asks (backslash, CR, LF, colon). */
	public static String escape(String value) {
		return value.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace(":", "\\c");
	}

	public RawWebSocket socket() {
		return this.socket;
	}

	/** Sends frame bytes as one text message (they must be UTF-8 to be a valid one). */
	public void sendText(byte[] frame) {
		this.socket.send(RawWebSocket.TEXT, true, frame);
	}

	/** Sends frame bytes as one binary message (any bytes). */
	public void sendBinary(byte[] frame) {
		this.socket.send(RawWebSocket.BINARY, true, frame);
	}

	/**
	 * CONNECT with this bearer token and waits for CONNECTED. @return the CONNECTED
	 * frame, or the ERROR frame, or null when nothing came
	 */
	public Frame connect(String token) throws InterruptedException {
		sendText(frame("CONNECT", "accept-version", "1.2", "host", "localhost", "heart-beat", "0,0", "Authorization",
				"Bearer " + token));
		return next(5000);
	}

	public void subscribe(String id, String destination) {
		sendText(frame("SUBSCRIBE", "id", id, "destination", destination));
	}

	/** The next frame from the server that is not a heartbeat, or null in time. */
	public Frame next(long millis) throws InterruptedException {
		long deadline = System.currentTimeMillis() + millis;
		while (true) {
			long left = deadline - System.currentTimeMillis();
			String text = this.socket.nextText(Math.max(left, 0));
			if (text == null) {
				return null;
			}
			Frame frame = parse(text);
			if (frame != null) {
				this.received.add(frame);
				return frame;
			}
		}
	}

	public boolean awaitClosed(long millis) throws InterruptedException {
		return this.socket.awaitClosed(millis);
	}

	@Override
	public void close() {
		this.socket.close();
	}

	/** A frame from one WebSocket text message, or null for a heartbeat. */
	static Frame parse(String text) {
		int start = 0;
		while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
			start++;
		}
		if (start == text.length()) {
			return null;
		}
		int headEnd = text.indexOf("\n\n", start);
		if (headEnd < 0) {
			headEnd = text.length();
		}
		String[] lines = text.substring(start, headEnd).split("\n");
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.putIfAbsent(lines[i].substring(0, colon), unescape(lines[i].substring(colon + 1)));
			}
		}
		String body = (headEnd + 2 <= text.length()) ? text.substring(headEnd + 2) : "";
		int nul = body.indexOf('\0');
		return new Frame(lines[0].strip(), headers, (nul >= 0) ? body.substring(0, nul) : body);
	}

	private static String unescape(String value) {
		return value.replace("\\c", ":").replace("\\n", "\n").replace("\\r", "\r").replace("\\\\", "\\");
	}

}
