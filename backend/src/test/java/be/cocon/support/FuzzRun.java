package be.cocon.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The seed and size of one fuzz run. A run takes a new seed each time (so every build
 * tries other inputs) unless {@code -Dcocon.fuzz.seed=<n>} replays one; the seed is
 * printed at the start and named in every failure. The figures of the run are written to
 * {@code target/fuzz/<name>.properties} for docs/reliability.md.
 */
public final class FuzzRun {

	private final String name;

	private final long seed;

	private final Random random;

	private final Map<String, Object> figures = new LinkedHashMap<>();

	private FuzzRun(String name, long seed) {
		this.name = name;
		this.seed = seed;
		this.random = new Random(seed);
		this.figures.put("seed", seed);
	}

	/** Starts a run: the seed from {@code cocon.fuzz.seed}, or a new one. */
	public static FuzzRun start(String name) {
		String given = System.getProperty("cocon.fuzz.seed");
		long seed = (given != null && !given.isBlank()) ? Long.parseLong(given.trim()) : new SecureRandom().nextLong();
		System.out.println(name + " fuzz run with seed " + seed + " (replay: -Dcocon.fuzz.seed=" + seed + ")");
		return new FuzzRun(name, seed);
	}

	/** How many cases to run: {@code cocon.fuzz.<name>.cases} or the default. */
	public int cases(int byDefault) {
		return Integer.getInteger("cocon.fuzz." + this.name + ".cases", byDefault);
	}

	public long seed() {
		return this.seed;
	}

	public Random random() {
		return this.random;
	}

	/** Says how to replay this run, for failure messages. */
	public String replay() {
		return this.name + " fuzz seed " + this.seed + " (replay: -Dcocon.fuzz.seed=" + this.seed + ")";
	}

	public void figure(String key, Object value) {
		this.figures.put(key, value);
	}

	/** Prints the figures and writes them to target/fuzz/<name>.properties. */
	public void report() {
		String text = this.figures.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining("\n", "", "\n"));
		System.out.println(this.name + " fuzz figures:\n" + text);
		try {
			Path folder = Path.of("target", "fuzz");
			Files.createDirectories(folder);
			Files.writeString(folder.resolve(this.name + ".properties"), text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
