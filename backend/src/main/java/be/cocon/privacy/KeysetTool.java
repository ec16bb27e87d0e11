package be.cocon.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.KeysetHandle;

/**
 * Makes and rotates the keyset given in the environment
 * ({@code cocon.privacy.encryption.keyset}), with the Tink in the application's own jar:
 *
 * <pre>
 * java -cp cocon.jar -Dloader.main=be.cocon.privacy.KeysetTool \
 *     org.springframework.boot.loader.launch.PropertiesLauncher COMMAND &lt; keyset.json
 * </pre>
 *
 * Commands: {@code new} (a keyset with one key), {@code add} (one more key, for reading
 * only), {@code promote ID} (make that key the primary), {@code rotate} ({@code add} and
 * {@code promote} at once, for a single instance) and {@code list} (ids and status, no
 * key material). A keyset is read from standard input and written to standard output.
 */
final class KeysetTool {

	private KeysetTool() {
	}

	public static void main(String[] args) throws IOException {
		System.exit(run(args, System.in, System.out, System.err));
	}

	static int run(String[] args, InputStream in, PrintStream out, PrintStream err) throws IOException {
		String command = (args.length > 0) ? args[0] : "";
		try {
			switch (command) {
				case "new" -> out.println(Keyring.serialize(Keyring.generate()));
				case "add" -> out.println(Keyring.serialize(Keyring.withNewKey(read(in), false)));
				case "rotate" -> out.println(Keyring.serialize(Keyring.withNewPrimary(read(in))));
				case "promote" -> out.println(Keyring.serialize(promote(read(in), args)));
				case "list" -> list(read(in), out);
				default -> {
					err.println("Usage: KeysetTool new | add | promote KEY_ID | rotate | list (keyset on stdin)");
					return 2;
				}
			}
			return 0;
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			err.println(ex.getMessage());
			return 1;
		}
	}

	private static KeysetHandle read(InputStream in) throws IOException {
		return Keyring.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "standard input");
	}

	private static KeysetHandle promote(KeysetHandle handle, String[] args) {
		if (args.length < 2) {
			throw new IllegalArgumentException("promote needs the id of the key to make primary");
		}
		long wanted = Long.parseLong(args[1]);
		KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
		for (int i = 0; i < handle.size(); i++) {
			if (Integer.toUnsignedLong(handle.getAt(i).getId()) == wanted) {
				builder.getAt(i).makePrimary();
				try {
					return builder.build();
				}
				catch (GeneralSecurityException ex) {
					throw new IllegalStateException("Key " + wanted + " cannot be the primary (is it enabled?)");
				}
			}
		}
		throw new IllegalArgumentException("The keyset has no key " + wanted);
	}

	private static void list(KeysetHandle handle, PrintStream out) {
		for (int i = 0; i < handle.size(); i++) {
			KeysetHandle.Entry entry = handle.getAt(i);
			out.println(Integer.toUnsignedLong(entry.getId()) + " " + entry.getStatus()
					+ (entry.isPrimary() ? " primary" : ""));
		}
	}

}
