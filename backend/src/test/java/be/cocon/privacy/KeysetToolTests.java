package be.cocon.privacy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two-step rotation of a keyset given in the environment: {@code add} a key that
 * every instance can read with, then {@code promote} it; what the old key sealed stays
 * readable throughout.
 */
class KeysetToolTests {

	@Test
	void addThenPromoteMakesANewPrimaryAndKeepsTheOldKeyReadable() throws Exception {
		String first = ok("new", "");
		byte[] sealedBefore = aead(first).encrypt("voor".getBytes(StandardCharsets.UTF_8), new byte[0]);
		long oldPrimary = Integer.toUnsignedLong(Keyring.parse(first, "test").getPrimary().getId());

		String added = ok("add", first);
		List<String> listed = ok("list", added).lines().toList();
		assertThat(listed).hasSize(2).contains(oldPrimary + " ENABLED primary");
		long newKey = Long.parseLong(
				listed.stream().filter((line) -> !line.endsWith("primary")).findFirst().orElseThrow().split(" ")[0]);

		String promoted = ok("promote", added, String.valueOf(newKey));

		KeysetHandle handle = Keyring.parse(promoted, "test");
		assertThat(Integer.toUnsignedLong(handle.getPrimary().getId())).isEqualTo(newKey);
		assertThat(new String(aead(promoted).decrypt(sealedBefore, new byte[0]), StandardCharsets.UTF_8))
			.isEqualTo("voor");
		byte[] sealedAfter = aead(promoted).encrypt("na".getBytes(StandardCharsets.UTF_8), new byte[0]);
		assertThat(Integer.toUnsignedLong(FieldSealer.keyIdOf(sealedAfter))).isEqualTo(newKey);
	}

	@Test
	void rotateAddsAPrimaryInOneStep() throws Exception {
		String first = ok("new", "");

		String rotated = ok("rotate", first);

		assertThat(ok("list", rotated).lines()).hasSize(2);
		assertThat(Keyring.parse(rotated, "test").getPrimary().getId())
			.isNotEqualTo(Keyring.parse(first, "test").getPrimary().getId());
	}

	@Test
	void aKeysetOfAnotherKindOrAnUnknownKeyIsRefused() throws Exception {
		String chacha = TinkJsonProtoKeysetFormat.serializeKeyset(
				KeysetHandle.generateNew(PredefinedAeadParameters.CHACHA20_POLY1305), InsecureSecretKeyAccess.get());

		assertThat(run(new String[] { "list" }, chacha).code()).isEqualTo(1);
		assertThat(run(new String[] { "list" }, chacha).err()).contains("AES-256-GCM");
		assertThat(run(new String[] { "promote", "12345" }, ok("new", "")).err()).contains("no key 12345");
		assertThat(run(new String[] { "list" }, "not json").code()).isEqualTo(1);
		assertThat(run(new String[] {}, "").code()).isEqualTo(2);
	}

	private static Aead aead(String json) throws GeneralSecurityException {
		return Keyring.parse(json, "test").getPrimitive(RegistryConfiguration.get(), Aead.class);
	}

	private static String ok(String command, String in, String... more) throws IOException {
		String[] args = new String[more.length + 1];
		args[0] = command;
		System.arraycopy(more, 0, args, 1, more.length);
		Result result = run(args, in);
		assertThat(result.code()).as(result.err()).isZero();
		return result.out();
	}

	private static Result run(String[] args, String in) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = KeysetTool.run(args, new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	private record Result(int code, String out, String err) {
	}

}
