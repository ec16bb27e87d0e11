package be.cocon.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local TCP forwarder in front of the server, so a test can cut a connection the hard
 * way: {@link #abort()} resets every socket, with no WebSocket close frame and no STOMP
 * DISCONNECT, as a lost network would.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final int target;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

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

	@Override
	public void close() throws IOException {
		abort();
		this.listener.close();
	}

	private void accept() {
		while (!this.listener.isClosed()) {
			try {
				Socket client = this.listener.accept();
				Socket server = new Socket(InetAddress.getLoopbackAddress(), this.target);
				this.sockets.add(client);
				this.sockets.add(server);
				pump(client, server);
				pump(server, client);
			}
			catch (IOException ex) {
				// listener closed
			}
		}
	}

	private static void pump(Socket from, Socket to) throws IOException {
		InputStream in = from.getInputStream();
		OutputStream out = to.getOutputStream();
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[8192];
			try {
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// one side is gone
			}
		}, "tcp-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

}
