package be.cocon.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client written on a plain socket (RFC 6455), so a test can send what a
 * well-behaved client library never would: text frames that are not UTF-8, reserved
 * opcodes, fragments, any STOMP bytes. Every text message from the server is kept; a
 * close frame or the end of the stream counts as closed.
 */
public final class RawWebSocket implements AutoCloseable {

	public static final int TEXT = 0x1;

	public static final int BINARY = 0x2;

	public static final int CONTINUATION = 0x0;

	public static final int CLOSE = 0x8;

	public static final int PING = 0x9;

	private final Socket socket;

	private final OutputStream out;

	private final Random masks = new Random();

	private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

	private final CountDownLatch closed = new CountDownLatch(1);

	private volatile int closeCode = -1;

	private RawWebSocket(Socket socket) throws IOException {
		this.socket = socket;
		this.out = socket.getOutputStream();
	}

	/**
	 * The HTTP status of a WebSocket handshake at {@code /ws}, with this Origin (none
	 * when null).
	 */
	public static int handshakeStatus(int port, String origin) {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write(handshake(port, origin));
			return Integer.parseInt(readHead(new DataInputStream(socket.getInputStream())).split(" ")[1]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Opens a WebSocket at {@code /ws} with this Origin; fails unless the answer is 101.
	 */
	public static RawWebSocket open(int port, String origin) {
		try {
			Socket socket = new Socket("localhost", port);
			socket.setSoTimeout(0);
			socket.setTcpNoDelay(true);
			socket.getOutputStream().write(handshake(port, origin));
			DataInputStream in = new DataInputStream(socket.getInputStream());
			String head = readHead(in);
			if (!head.startsWith("HTTP/1.1 101")) {
				socket.close();
				throw new IllegalStateException("Handshake refused: " + head.lines().findFirst().orElse(""));
			}
			RawWebSocket webSocket = new RawWebSocket(socket);
			Thread reader = new Thread(() -> webSocket.read(in), "raw-websocket-reader");
			reader.setDaemon(true);
			reader.start();
			return webSocket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public void sendText(String text) {
		send(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Sends one frame (masked, as a client must). Write failures after a close are
	 * ignored.
	 */
	public void send(int opcode, boolean fin, byte[] payload) {
		ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
		frame.write((fin ? 0x80 : 0) | opcode);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else if (payload.length < 65536) {
			frame.write(0x80 | 126);
			frame.write(payload.length >>> 8);
			frame.write(payload.length & 0xff);
		}
		else {
			frame.write(0x80 | 127);
			long length = payload.length;
			for (int shift = 56; shift >= 0; shift -= 8) {
				frame.write((int) (length >>> shift) & 0xff);
			}
		}
		byte[] mask = new byte[4];
		this.masks.nextBytes(mask);
		frame.writeBytes(mask);
		byte[] masked = new byte[payload.length];
		for (int i = 0; i < payload.length; i++) {
			masked[i] = (byte) (payload[i] ^ mask[i % 4]);
		}
		frame.writeBytes(masked);
		try {
			synchronized (this.out) {
				this.out.write(frame.toByteArray());
				this.out.flush();
			}
		}
		catch (IOException ex) {
			// the server closed the connection; what it sent before is kept
		}
	}

	/** The next text message from the server, or null when none comes in time. */
	public String nextText(long millis) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
		while (true) {
			String text = this.texts.poll(20, TimeUnit.MILLISECONDS);
			if (text != null || System.nanoTime() > deadline || (isClosed() && this.texts.isEmpty())) {
				return text;
			}
		}
	}

	public boolean awaitClosed(long millis) throws InterruptedException {
		return this.closed.await(millis, TimeUnit.MILLISECONDS);
	}

	public boolean isClosed() {
		return this.closed.getCount() == 0;
	}

	/** The status code of the server's close frame; -1 when none came. */
	public int closeCode() {
		return this.closeCode;
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	private void read(DataInputStream in) {
		ByteArrayOutputStream message = new ByteArrayOutputStream();
		try {
			while (true) {
				int first = in.readUnsignedByte();
				int second = in.readUnsignedByte();
				long length = second & 0x7f;
				if (length == 126) {
					length = in.readUnsignedShort();
				}
				else if (length == 127) {
					length = in.readLong();
				}
				byte[] payload = new byte[(int) length];
				in.readFully(payload);
				int opcode = first & 0x0f;
				if (opcode == CLOSE) {
					this.closeCode = (payload.length >= 2) ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
					break;
				}
				if (opcode == TEXT || opcode == BINARY || opcode == CONTINUATION) {
					message.writeBytes(payload);
					if ((first & 0x80) != 0) {
						this.texts.add(message.toString(StandardCharsets.UTF_8));
						message.reset();
					}
				}
			}
		}
		catch (EOFException | SocketException ex) {
			// the connection ended
		}
		catch (IOException ex) {
			// the connection failed; counts as closed
		}
		finally {
			this.closed.countDown();
			close();
		}
	}

	private static byte[] handshake(int port, String origin) {
		byte[] key = new byte[16];
		new Random().nextBytes(key);
		String request = "GET /ws HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
				+ "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: v12.stomp\r\n"
				+ ((origin != null) ? "Origin: " + origin + "\r\n" : "") + "\r\n";
		return request.getBytes(StandardCharsets.US_ASCII);
	}

	private static String readHead(DataInputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int next = in.read();
			if (next < 0) {
				throw new EOFException("Connection closed during the handshake: " + head);
			}
			head.append((char) next);
		}
		return head.toString();
	}

}
