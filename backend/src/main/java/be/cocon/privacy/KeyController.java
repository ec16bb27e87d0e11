package be.cocon.privacy;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import be.cocon.platform.ApiProblem;

/**
 * Admins see the encryption keys (ids and status, never their material) and the
 * re-encryption job's progress, and add a new primary key when the keyset is a key file.
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class KeyController {

	private static final Logger log = LoggerFactory.getLogger(KeyController.class);

	private final Keyring keys;

	private final Reencryption reencryption;

	KeyController(Keyring keys, Reencryption reencryption) {
		this.keys = keys;
		this.reencryption = reencryption;
	}

	@GetMapping("/api/admin/privacy/keys")
	KeysView keys() {
		return view();
	}

	/**
	 * Adds a new AES-256-GCM key as primary to the key file: new values are sealed with
	 * it at once, older values stay readable, and the re-encryption job moves them to it.
	 */
	@PostMapping("/api/admin/privacy/keys/rotate")
	KeysView rotate(Authentication authentication) {
		if (this.keys.source() != Keyring.Source.FILE) {
			throw new ApiProblem(HttpStatus.CONFLICT, "privacy.keyset-from-environment",
					"The keyset comes from cocon.privacy.encryption.keyset: rotate it there (docs/privacy.md).");
		}
		Keyring.KeyInfo primary = this.keys.rotate();
		log.info("Field encryption: admin {} made key {} the primary", authentication.getName(), primary.id());
		return view();
	}

	private KeysView view() {
		Reencryption.Progress progress = this.reencryption.progress();
		return new KeysView(this.keys.source().name(), this.keys.primaryKeyId(), this.keys.keys(),
				(progress != null) ? PassView.of(progress) : null);
	}

	/**
	 * @param source {@code FILE} (rotate here) or {@code ENVIRONMENT} (rotate in the
	 * deployment)
	 * @param primaryKeyId the key new values are sealed with
	 * @param keys every key of the keyset
	 * @param reencryption the re-encryption job's latest pass, or null before the first
	 */
	record KeysView(String source, long primaryKeyId, List<Keyring.KeyInfo> keys, @Nullable PassView reencryption) {
	}

	/**
	 * @param targetKeyId the primary key the pass seals with
	 * @param collectionsDone collections gone through
	 * @param collections collections with encrypted fields
	 * @param waiting documents that changed while being re-sealed, tried again before the
	 * pass ends
	 * @param resealed values moved from an older key
	 * @param sealedFromPlain values that were still plain text
	 * @param unreadable values no key of the keyset opens (left as they are)
	 * @param startedAt when the pass started
	 * @param finishedAt when it ended, or null while it runs
	 */
	record PassView(long targetKeyId, int collectionsDone, int collections, int waiting, long resealed,
			long sealedFromPlain, long unreadable, Instant startedAt, @Nullable Instant finishedAt) {

		static PassView of(Reencryption.Progress progress) {
			return new PassView(progress.targetKeyId(), Math.min(progress.index(), progress.collections().size()),
					progress.collections().size(), progress.retry().size(), progress.resealed(),
					progress.sealedFromPlain(), progress.unreadable(), progress.startedAt(), progress.finishedAt());
		}

	}

}
