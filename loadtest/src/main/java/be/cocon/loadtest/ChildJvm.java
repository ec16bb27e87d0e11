package be.cocon.loadtest;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A server the load generator started itself: Cocon's jar or the baseline broker, in its
 * own JVM with its output in a log file of the run folder. Stopped (SIGTERM, then SIGKILL
 * after a while) when the run ends, also when the load generator is interrupted.
 */
final class ChildJvm implements AutoCloseable {

	private final String name;

	private final Process process;

	private final int port;

	private final Path log;

	private final Thread stopOnExit;

	private ChildJvm(String name, Process process, int port, Path log) {
		this.name = name;
		this.process = process;
		this.port = port;
		this.log = log;
		this.stopOnExit = new Thread(this::stop, "stop-" + name);
		Runtime.getRuntime().addShutdownHook(this.stopOnExit);
	}

	/**
	 * Starts {@code java <jvmOptions> <arguments>} and waits until {@code healthPath}
	 * answers 200.
	 */
	static ChildJvm start(String name, List<String> jvmOptions, List<String> arguments, int port, Path log,
			String healthPath, Duration startTimeout) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(arguments);
		Files.createDirectories(log.toAbsolutePath().getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		ChildJvm child = new ChildJvm(name, process, port, log);
		child.awaitHealthy(healthPath, startTimeout);
		return child;
	}

	private void awaitHealthy(String healthPath, Duration timeout) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + healthPath))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.name + " exited while starting; the end of its log:\n" + logTail());
			}
			try {
				if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		stop();
		throw new IllegalStateException(
				this.name + " was not healthy within " + timeout.toSeconds() + " s; see " + this.log);
	}

	long pid() {
		return this.process.pid();
	}

	int port() {
		return this.port;
	}

	String baseUrl() {
		return "http://localhost:" + this.port;
	}

	Path log() {
		return this.log;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	private String logTail() throws IOException {
		List<String> lines = Files.readAllLines(this.log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	private void stop() {
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(40, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		stop();
		try {
			Runtime.getRuntime().removeShutdownHook(this.stopOnExit);
		}
		catch (IllegalStateException ex) {
			// already shutting down: the hook runs anyway
		}
	}

	/**
	 * A free port below the kernel's ephemeral range (32768 and up on Linux), so none of
	 * the load generator's own outgoing connections can take it before the child binds.
	 */
	static int freePort() throws IOException {
		for (int attempt = 0; attempt < 100; attempt++) {
			int candidate = ThreadLocalRandom.current().nextInt(20_000, 32_000);
			try (ServerSocket socket = new ServerSocket(candidate)) {
				socket.setReuseAddress(true);
				return candidate;
			}
			catch (IOException ex) {
				// taken: try another
			}
		}
		throw new IOException("No free port found between 20000 and 32000");
	}

}
