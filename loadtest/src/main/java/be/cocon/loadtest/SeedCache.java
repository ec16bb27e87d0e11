package be.cocon.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import be.cocon.loadtest.CoconApi.Tokens;

/**
 * The accounts a seed made and their tokens, kept in a file of the run folder so the next
 * run signs nobody in again (every password check costs the server a bcrypt hash). The
 * accounts are throwaway load-test accounts; the file holds their shared password and
 * tokens and is readable by its owner only.
 *
 * @param prefix start of every username of this seed
 * @param password the password of every account of this seed
 * @param pairs the client–therapist pairs, in the order they were made
 */
record SeedCache(String prefix, String password, List<Pair> pairs) {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	/**
	 * A client assigned to a therapist, with the tokens of both.
	 *
	 * @param index position in the seed
	 * @param clientId the client's user id
	 * @param clientUsername the client's username
	 * @param client the client's tokens
	 * @param therapistId the therapist's user id
	 * @param therapistUsername the therapist's username
	 * @param therapist the therapist's tokens
	 */
	record Pair(int index, String clientId, String clientUsername, Tokens client, String therapistId,
			String therapistUsername, Tokens therapist) {

		/** The therapy conversation the assignment opened (Cocon computes its id). */
		String conversationId() {
			return "therapy-" + this.clientId + "-" + this.therapistId;
		}

		Pair withTokens(Tokens client, Tokens therapist) {
			return new Pair(this.index, this.clientId, this.clientUsername, client, this.therapistId,
					this.therapistUsername, therapist);
		}

	}

	static SeedCache load(Path file) {
		try {
			return JSON.readValue(file, SeedCache.class);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Cannot read the seed cache " + file + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Writes the file anew (through a temporary file, so a crash never leaves half of
	 * it).
	 */
	void save(Path file) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
			JSON.writeValue(temporary, new SeedCache(this.prefix, this.password, new ArrayList<>(this.pairs)));
			try {
				Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: leave the default permissions
			}
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
