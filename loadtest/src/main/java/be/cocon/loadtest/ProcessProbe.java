package be.cocon.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a local JVM's CPU time from {@code /proc/<pid>/stat} and its heap through
 * {@code jcmd} (Linux, same user). Every reading is -1 when it is not available, so a
 * report can say "not measured" instead of failing the run.
 */
final class ProcessProbe {

	private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

	private static final long TICKS_PER_SECOND = ticksPerSecond();

	private final long pid;

	ProcessProbe(long pid) {
		this.pid = pid;
	}

	static ProcessProbe self() {
		return new ProcessProbe(ProcessHandle.current().pid());
	}

	/** CPU time used so far (user + system), in nanoseconds; -1 when unknown. */
	long cpuNanos() {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(this.pid), "stat"));
			return cpuNanos(stat, TICKS_PER_SECOND);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * The utime and stime fields of a {@code /proc/<pid>/stat} line in nanoseconds. The
	 * command name (field 2) may hold spaces and parentheses, so fields are counted after
	 * its last closing parenthesis: utime and stime are the 12th and 13th after it.
	 */
	static long cpuNanos(String stat, long ticksPerSecond) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		return ticks * 1_000_000_000L / ticksPerSecond;
	}

	/**
	 * The machine's load average over the last minute; -1 when unknown. The servers, the
	 * load generator and whatever else runs here share the cores, so a report says how
	 * busy the machine was.
	 */
	static double loadAverage() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/** Heap in use after a full GC, in bytes; -1 when unknown. */
	long heapAfterGc() {
		if (jcmd("GC.run") == null) {
			return -1;
		}
		return heapUsed();
	}

	/** Heap in use now (live and garbage), in bytes; -1 when unknown. */
	long heapUsed() {
		String info = jcmd("GC.heap_info");
		if (info == null) {
			return -1;
		}
		Matcher used = HEAP_USED.matcher(info);
		return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
	}

	private String jcmd(String command) {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		List<String> line = new ArrayList<>(
				List.of(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(this.pid), command));
		try {
			Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				return null;
			}
			return output;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private static long ticksPerSecond() {
		try {
			Process process = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
			process.waitFor(5, TimeUnit.SECONDS);
			return Long.parseLong(output);
		}
		catch (IOException | RuntimeException ex) {
			return 100;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 100;
		}
	}

}
