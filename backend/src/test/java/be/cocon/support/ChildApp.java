package be.cocon.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The app in a child JVM on the embedded store, with its data in a folder that outlives
 * the process: for tests that kill the server (SIGKILL, no shutdown hooks) and start it
 * again on the same data.
 */
public final class ChildApp {

	private final int port;

	private final Path dataDir;

	private final List<String> arguments;

	private Process process;

	private int starts;

	/**
	 * @param port the port it listens on, the same after every restart
	 * @param dataDir the store's data folder
	 * @param arguments extra Spring Boot arguments ({@code --name=value})
	 */
	public ChildApp(int port, Path dataDir, String... arguments) {
		this.port = port;
		this.dataDir = dataDir;
		this.arguments = List.of(arguments);
	}

	/** Starts the app and returns once its health is UP. */
	public ChildApp start() throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
				"be.cocon.CoconApplication", "--server.port=" + this.port, "--cocon.store.data-dir=" + this.dataDir,
				"--logging.level.root=warn"));
		command.addAll(this.arguments);
		this.starts++;
		this.process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(new File(this.dataDir.toFile(), "app-" + this.starts + ".log"))
			.start();
		HttpTestClient http = new HttpTestClient(this.port);
		try {
			Awaitility.await("the app's health is UP")
				.atMost(Duration.ofSeconds(300))
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptions()
				.until(() -> !this.process.isAlive() || http.get("/actuator/health").status() == 200);
		}
		catch (ConditionTimeoutException ex) {
			kill();
			throw ex;
		}
		if (!this.process.isAlive()) {
			throw new IllegalStateException("The app exited while starting; the end of its log:\n" + logTail());
		}
		return this;
	}

	private String logTail() throws IOException {
		List<String> lines = Files.readAllLines(this.dataDir.resolve("app-" + this.starts + ".log"));
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	/**
	 * A free port below the kernel's ephemeral range (32768 and up on Linux), so no
	 * outgoing connection and no port-0 listener (the child's embedded store) can take it
	 * between two starts.
	 */
	public static int freePort() {
		java.util.Random random = new java.util.Random();
		for (int attempt = 0; attempt < 200; attempt++) {
			int port = 20000 + random.nextInt(12000);
			try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1,
					java.net.InetAddress.getLoopbackAddress())) {
				return port;
			}
			catch (IOException ex) {
				// taken: try another
			}
		}
		throw new IllegalStateException("No free port between 20000 and 32000");
	}

	/** Kills the process with SIGKILL and waits until it is gone. */
	public void kill() throws InterruptedException {
		if (this.process != null) {
			this.process.destroyForcibly().waitFor();
		}
	}

	public int port() {
		return this.port;
	}

}
