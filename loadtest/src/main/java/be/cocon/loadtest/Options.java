package be.cocon.loadtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The command line: {@code --name value} or {@code --name=value}; a flag stands alone.
 * Durations are written {@code 500ms}, {@code 20s}, {@code 2m}, {@code 1h} or plain
 * seconds.
 */
final class Options {

	private static final Set<String> FLAGS = Set.of("no-baseline", "no-cocon", "relay", "help");

	private static final Set<String> KNOWN = Set.of("url", "app", "run-dir", "heap", "jvm-arg", "app-arg", "sessions",
			"rate", "rates", "duration", "warmup", "burst", "no-baseline", "no-cocon", "report", "issuer", "admin-user",
			"admin-password", "connect-concurrency", "client-threads", "send-threads", "drain", "seed-concurrency",
			"pid", "instances", "relay", "relay-host", "relay-port", "help");

	private final Map<String, List<String>> values;

	private Options(Map<String, List<String>> values) {
		this.values = values;
	}

	static Options parse(List<String> args) {
		Map<String, List<String>> values = new LinkedHashMap<>();
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument " + arg);
			}
			String name = arg.substring(2);
			String value;
			int equals = name.indexOf('=');
			if (equals >= 0) {
				value = name.substring(equals + 1);
				name = name.substring(0, equals);
			}
			else if (FLAGS.contains(name)) {
				value = "true";
			}
			else if (i + 1 < args.size()) {
				value = args.get(++i);
			}
			else {
				throw new IllegalArgumentException("--" + name + " needs a value");
			}
			if (!KNOWN.contains(name)) {
				throw new IllegalArgumentException("Unknown option --" + name);
			}
			values.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return new Options(values);
	}

	@Nullable String string(String name) {
		List<String> given = this.values.get(name);
		return (given == null) ? null : given.get(given.size() - 1);
	}

	String string(String name, String fallback) {
		String value = string(name);
		return (value != null) ? value : fallback;
	}

	List<String> all(String name) {
		return this.values.getOrDefault(name, List.of());
	}

	boolean flag(String name) {
		return Boolean.parseBoolean(string(name, "false"));
	}

	int integer(String name, int fallback) {
		String value = string(name);
		return (value != null) ? Integer.parseInt(value.trim()) : fallback;
	}

	double number(String name, double fallback) {
		String value = string(name);
		return (value != null) ? Double.parseDouble(value.trim()) : fallback;
	}

	Duration duration(String name, String fallback) {
		return duration(string(name, fallback));
	}

	Path path(String name, String fallback) {
		return Path.of(string(name, fallback));
	}

	/** The offered rates: {@code --rates a,b,c}, else {@code --rate}. */
	List<Double> rates(double fallback) {
		String list = string("rates");
		if (list == null) {
			return List.of(number("rate", fallback));
		}
		List<Double> rates = new ArrayList<>();
		for (String rate : list.split(",")) {
			rates.add(Double.parseDouble(rate.trim()));
		}
		return rates;
	}

	/**
	 * How many Cocon instances to run on, in turn: {@code --instances 2} or
	 * {@code --instances 1,2} (the same load on one, then on two).
	 */
	List<Integer> instances() {
		String list = string("instances", "1");
		List<Integer> counts = new ArrayList<>();
		for (String count : list.split(",", -1)) {
			int instances;
			try {
				instances = Integer.parseInt(count.trim());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--instances takes counts such as 2 or 1,2, not " + list);
			}
			if (instances < 1) {
				throw new IllegalArgumentException("--instances must be 1 or more, not " + instances);
			}
			counts.add(instances);
		}
		if (counts.size() != counts.stream().distinct().count()) {
			throw new IllegalArgumentException("--instances lists a count twice: " + list);
		}
		return counts;
	}

	static Duration duration(String text) {
		String value = text.trim().toLowerCase(Locale.ROOT);
		if (value.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
		}
		long amount = Long.parseLong(value.replaceAll("[smh]$", ""));
		return switch (value.charAt(value.length() - 1)) {
			case 'm' -> Duration.ofMinutes(amount);
			case 'h' -> Duration.ofHours(amount);
			default -> Duration.ofSeconds(amount);
		};
	}

	/** Everything given, for the report (the admin password left out). */
	Map<String, Object> asMap() {
		Map<String, Object> shown = new LinkedHashMap<>();
		this.values.forEach((name, given) -> {
			if (!name.equals("admin-password")) {
				shown.put(name, (given.size() == 1) ? given.get(0) : given);
			}
		});
		return shown;
	}

}
