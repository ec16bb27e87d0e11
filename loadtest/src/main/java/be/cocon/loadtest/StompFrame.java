package be.cocon.loadtest;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One STOMP 1.2 frame as text: what the load generator writes and reads on a WebSocket.
 * The bodies here are JSON, which never holds a raw NUL, so a frame ends at its NUL
 * unless a {@code content-length} header says otherwise.
 *
 * @param command e.g. {@code SEND}, {@code MESSAGE}
 * @param headers in the order they were written; the first of a repeated header wins
 * @param body the text after the blank line, without the terminating NUL
 */
record StompFrame(String command, Map<String, String> headers, String body) {

	static StompFrame of(String command, String... headerPairs) {
		return withBody(command, "", headerPairs);
	}

	static StompFrame withBody(String command, String body, String... headerPairs) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 0; i < headerPairs.length; i += 2) {
			headers.put(headerPairs[i], headerPairs[i + 1]);
		}
		return new StompFrame(command, headers, body);
	}

	@Nullable String header(String name) {
		return this.headers.get(name);
	}

	/**
	 * The frame as sent: headers escaped as STOMP 1.2 asks (except on CONNECT, whose
	 * headers a 1.0 server could not unescape), a {@code content-length} in UTF-8 bytes
	 * when there is a body, and the NUL at the end.
	 */
	String encode() {
		boolean escape = !"CONNECT".equals(this.command) && !"STOMP".equals(this.command);
		StringBuilder frame = new StringBuilder(64 + this.body.length());
		frame.append(this.command).append('\n');
		for (Map.Entry<String, String> header : this.headers.entrySet()) {
			if (header.getKey().equals("content-length")) {
				continue;
			}
			appendHeaderText(frame, header.getKey(), escape);
			frame.append(':');
			appendHeaderText(frame, header.getValue(), escape);
			frame.append('\n');
		}
		if (!this.body.isEmpty()) {
			frame.append("content-length:").append(utf8Length(this.body)).append('\n');
		}
		return frame.append('\n').append(this.body).append('\0').toString();
	}

	private static void appendHeaderText(StringBuilder frame, String text, boolean escape) {
		if (!escape) {
			frame.append(text);
			return;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\\' -> frame.append("\\\\");
				case '\n' -> frame.append("\\n");
				case '\r' -> frame.append("\\r");
				case ':' -> frame.append("\\c");
				default -> frame.append(c);
			}
		}
	}

	static int utf8Length(CharSequence text) {
		int bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				bytes++;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1))) {
				bytes += 4;
				i++;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

}
