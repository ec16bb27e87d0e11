package be.cocon.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection, for requests an ordinary
 * client refuses to send: bytes that are not a valid URI in the target, header values
 * with any characters, a body whatever the content type says.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * A response.
	 *
	 * @param status the status code, or -1 when the server closed without answering
	 * @param headers header names in lower case, the last value of each
	 * @param body the body as UTF-8 text (chunked encoding removed)
	 */
	public record Reply(int status, Map<String, String> headers, String body) {

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

	/**
	 * Sends one request and reads the whole response.
	 * @param target the request target exactly as written on the request line
	 * @param headers name and value pairs; Host, Connection and Content-Length are added
	 */
	public static Reply send(int port, String method, byte[] target, List<String[]> headers, byte[] body) {
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.writeBytes(method.getBytes(StandardCharsets.US_ASCII));
		request.write(' ');
		request.writeBytes(target);
		request.writeBytes(" HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
		header(request, "Host", "localhost:" + port);
		header(request, "Connection", "close");
		for (String[] header : headers) {
			header(request, header[0], header[1]);
		}
		if (body != null) {
			header(request, "Content-Length", String.valueOf(body.length));
		}
		request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		if (body != null) {
			request.writeBytes(body);
		}
		return exchange(port, request.toByteArray());
	}

	/** Sends these bytes as they are and reads the whole response. */
	public static Reply exchange(int port, byte[] request) {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
			}
			catch (IOException ex) {
				// the server may answer and close before reading everything (e.g. a too
				// large header); its answer is still there to read
			}
			return parse(readAll(socket.getInputStream()));
		}
		catch (java.net.SocketTimeoutException ex) {
			return new Reply(-1, Map.of(), "no answer within 10 s");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void header(ByteArrayOutputStream request, String name, String value) {
		request.writeBytes(name.getBytes(StandardCharsets.UTF_8));
		request.writeBytes(": ".getBytes(StandardCharsets.US_ASCII));
		request.writeBytes(value.getBytes(StandardCharsets.UTF_8));
		request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				all.write(buffer, 0, read);
			}
		}
		catch (java.net.SocketException ex) {
			// a reset after the response: keep what came
		}
		return all.toByteArray();
	}

	private static Reply parse(byte[] raw) {
		int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
		if (end < 0) {
			return new Reply(-1, Map.of(), new String(raw, StandardCharsets.UTF_8));
		}
		String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
		}
		byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = dechunk(body);
		}
		return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	private static byte[] dechunk(byte[] chunked) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		int at = 0;
		while (at < chunked.length) {
			int lineEnd = indexOf(chunked, "\r\n".getBytes(StandardCharsets.US_ASCII), at);
			if (lineEnd < 0) {
				break;
			}
			String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim();
			int size = Integer.parseInt(sizeLine, 16);
			if (size == 0) {
				break;
			}
			body.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
			at = lineEnd + 2 + size + 2;
		}
		return body.toByteArray();
	}

	private static int indexOf(byte[] data, byte[] part, int from) {
		outer: for (int i = from; i <= data.length - part.length; i++) {
			for (int j = 0; j < part.length; j++) {
				if (data[i + j] != part[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
