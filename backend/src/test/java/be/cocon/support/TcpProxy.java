package be.cocon.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local TCP forwarder in front of the server, so a test can cut a connection the hard
 * way: {@link #abort()} resets every socket, with no WebSocket close frame and no STOMP
 * DISCONNECT, as a lost network would. {@link #stall()} makes the client look like one
 * that stopped reading: the proxy no longer reads what the server sends, and as its
 * socket to the server has a small receive buffer, the server's writes soon block.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final int target;

	/** Receive buffer of the proxy's sockets to the server, small so a stall bites. */
	private static final int SERVER_SIDE_RECEIVE_BUFFER = 4096;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final Object gate = new Object();

	private boolean stalled;

	private volatile boolean refusing;

	public TcpProxy(int target) throws IOException {
		this.target = target;
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread accepting = new Thread(this::accept, "tcp-proxy-accept");
		accepting.setDaemon(true);
		accepting.start();
	}

	public int port() {
		return this.listener.getLocalPort();
	}

	/**
	 * Stops reading from the server on every connection, now and later, until
	 * {@link #resume()}: what the server sends piles up in the kernel's buffers and then
	 * in the server, as with a client that stopped reading.
	 */
	public void stall() {
		synchronized (this.gate) {
			this.stalled = true;
		}
	}

	/** Reads from the server again, passing on whatever it still sends. */
	public void resume() {
		synchronized (this.gate) {
			this.stalled = false;
			this.gate.notifyAll();
		}
	}

	/** Resets every open connection (TCP RST), leaving the proxy open for new ones. */
	public void abort() {
		for (Socket socket : this.sockets) {
			try {
				socket.setSoLinger(true, 0);
				socket.close();
			}
			catch (IOException ex) {
				// already gone
			}
		}
		this.sockets.clear();
	}

	/**
	 * Plays a server that went down: resets every open connection and every new one until
	 * {@link #admit()}.
	 */
	public void refuse() {
		this.refusing = true;
		abort();
	}

	/** Forwards new connections again after {@link #refuse()}. */
	public void admit() {
		this.refusing = false;
	}

	@Override
	public void close() throws IOException {
		resume();
		abort();
		this.listener.close();
	}

	private void accept() {
		while (!this.listener.isClosed()) {
			try {
				Socket client = this.listener.accept();
				if (this.refusing) {
					client.setSoLinger(true, 0);
					client.close();
					continue;
				}
				Socket server = new Socket();
				// set before connecting, so the TCP window offered to the server stays
				// small
				server.setReceiveBufferSize(SERVER_SIDE_RECEIVE_BUFFER);
				server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.target));
				this.sockets.add(client);
				this.sockets.add(server);
				pump(client, server, false);
				pump(server, client, true);
			}
			catch (IOException ex) {
				// listener closed
			}
		}
	}

	private void pump(Socket from, Socket to, boolean fromServer) throws IOException {
		InputStream in = from.getInputStream();
		OutputStream out = to.getOutputStream();
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[8192];
			try {
				for (int read = readFrom(in, buffer, fromServer); read >= 0; read = readFrom(in, buffer, fromServer)) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// one side is gone
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				// once one side has closed, so does the other: a server that drops the
				// connection is seen to do so by the client
				closeQuietly(to);
				closeQuietly(from);
			}
		}, "tcp-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already gone
		}
	}

	private int readFrom(InputStream in, byte[] buffer, boolean fromServer) throws IOException, InterruptedException {
		if (fromServer) {
			synchronized (this.gate) {
				while (this.stalled) {
					this.gate.wait();
				}
			}
		}
		return in.read(buffer);
	}

}
