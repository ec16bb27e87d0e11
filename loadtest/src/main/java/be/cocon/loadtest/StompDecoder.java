package be.cocon.loadtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads STOMP frames out of the text a WebSocket delivers. A server may send a frame in
 * several WebSocket fragments or several frames in one message, and heartbeats are bare
 * end-of-lines between frames, so text is collected until a frame is complete. Not
 * thread-safe: one decoder per connection, fed in arrival order.
 */
final class StompDecoder {

	private final StringBuilder pending = new StringBuilder();

	/** Adds received text and returns every frame it completed, in order. */
	List<StompFrame> feed(CharSequence text) {
		this.pending.append(text);
		List<StompFrame> frames = new ArrayList<>(1);
		int start = 0;
		while (true) {
			start = skipHeartbeats(start);
			int[] end = new int[1];
			StompFrame frame = parse(start, end);
			if (frame == null) {
				break;
			}
			frames.add(frame);
			start = end[0];
		}
		this.pending.delete(0, start);
		return frames;
	}

	/** Whether part of a frame is still waiting for the rest. */
	boolean hasPartialFrame() {
		return skipHeartbeats(0) < this.pending.length();
	}

	private int skipHeartbeats(int from) {
		int at = from;
		while (at < this.pending.length() && (this.pending.charAt(at) == '\n' || this.pending.charAt(at) == '\r')) {
			at++;
		}
		return at;
	}

	/**
	 * The frame starting at {@code from}, or null when it is not complete yet; sets
	 * {@code end[0]} to the index after its NUL.
	 */
	private StompFrame parse(int from, int[] end) {
		int lineEnd = indexOf('\n', from);
		if (lineEnd < 0) {
			return null;
		}
		String command = line(from, lineEnd);
		boolean unescape = !"CONNECTED".equals(command);
		Map<String, String> headers = new LinkedHashMap<>();
		int at = lineEnd + 1;
		while (true) {
			int next = indexOf('\n', at);
			if (next < 0) {
				return null;
			}
			String header = line(at, next);
			at = next + 1;
			if (header.isEmpty()) {
				break;
			}
			int colon = header.indexOf(':');
			if (colon > 0) {
				String name = unescape ? unescape(header.substring(0, colon)) : header.substring(0, colon);
				String value = unescape ? unescape(header.substring(colon + 1)) : header.substring(colon + 1);
				headers.putIfAbsent(name, value);
			}
		}
		int bodyEnd = bodyEnd(at, headers.get("content-length"));
		if (bodyEnd < 0) {
			return null;
		}
		end[0] = bodyEnd + 1;
		return new StompFrame(command, headers, this.pending.substring(at, bodyEnd));
	}

	/** Index of the body's terminating NUL, or -1 when it has not arrived. */
	private int bodyEnd(int bodyStart, String contentLength) {
		if (contentLength == null) {
			return indexOf('\0', bodyStart);
		}
		int bytes = Integer.parseInt(contentLength.trim());
		int at = bodyStart;
		int counted = 0;
		while (counted < bytes) {
			if (at >= this.pending.length()) {
				return -1;
			}
			char c = this.pending.charAt(at);
			if (Character.isHighSurrogate(c)) {
				if (at + 1 >= this.pending.length()) {
					return -1;
				}
				counted += 4;
				at += 2;
			}
			else {
				counted += (c < 0x80) ? 1 : (c < 0x800) ? 2 : 3;
				at++;
			}
		}
		if (at >= this.pending.length()) {
			return -1;
		}
		if (this.pending.charAt(at) != '\0') {
			throw new IllegalArgumentException("STOMP frame body longer than its content-length");
		}
		return at;
	}

	private String line(int from, int newline) {
		int end = (newline > from && this.pending.charAt(newline - 1) == '\r') ? newline - 1 : newline;
		return this.pending.substring(from, end);
	}

	private int indexOf(char c, int from) {
		for (int i = from; i < this.pending.length(); i++) {
			if (this.pending.charAt(i) == c) {
				return i;
			}
		}
		return -1;
	}

	static String unescape(String text) {
		if (text.indexOf('\\') < 0) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c != '\\' || i + 1 >= text.length()) {
				out.append(c);
				continue;
			}
			char escaped = text.charAt(++i);
			switch (escaped) {
				case 'n' -> out.append('\n');
				case 'r' -> out.append('\r');
				case 'c' -> out.append(':');
				case '\\' -> out.append('\\');
				default -> throw new IllegalArgumentException("Undefined STOMP header escape \\" + escaped);
			}
		}
		return out.toString();
	}

}
