package be.cocon.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Password rules for every account: a minimum length, a maximum (bcrypt reads 72 bytes),
 * not the username, and not on the list of commonly used passwords in
 * {@code identity/common-passwords.txt}.
 */
@Component
class PasswordPolicy {

	static final int MAX_LENGTH = 72;

	/**
	 * What may follow a common password and still count as it (see the list's header).
	 */
	private static final String COMMON_SUFFIX = "[0-9!?.,]+$";

	private final int minLength;

	private final Set<String> common;

	PasswordPolicy(IdentitySettings settings) {
		this.minLength = settings.passwordMinLength();
		this.common = load("identity/common-passwords.txt");
	}

	/** The code of the first rule the password breaks, if any. */
	Optional<String> violation(String password, String username) {
		if (password.length() < this.minLength) {
			return Optional.of("password.too-short");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
			return Optional.of("password.too-long");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (!username.isBlank() && lower.contains(username.toLowerCase(Locale.ROOT))) {
			return Optional.of("password.contains-username");
		}
		if (this.common.contains(lower) || this.common.contains(lower.replaceAll(COMMON_SUFFIX, ""))) {
			return Optional.of("password.common");
		}
		return Optional.empty();
	}

	int minLength() {
		return this.minLength;
	}

	private static Set<String> load(String path) {
		Set<String> words = new HashSet<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8))) {
			reader.lines()
				.map(String::trim)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.forEach((line) -> words.add(line.toLowerCase(Locale.ROOT)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + path, ex);
		}
		return words;
	}

}
