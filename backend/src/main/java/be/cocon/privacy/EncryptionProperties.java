package be.cocon.privacy;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Encryption of client text in the store ({@code cocon.privacy.encryption.*}).
 *
 * @param keyset a Tink JSON keyset of AES-256-GCM keys (for example from the environment
 * variable {@code COCON_PRIVACY_ENCRYPTION_KEYSET}); when set, the key file is not used
 * and keys are rotated by changing it (docs/privacy.md)
 * @param keysetFile the Tink JSON keyset file; by default
 * {@code <cocon.store.data-dir>/privacy-keyset.json}, created with one key (permissions
 * 0600) when missing
 * @param reencryptEvery how often the re-encryption job looks for values under an older
 * key or still in plain text
 * @param reencryptBatch documents read per step of that job
 * @param reencryptRunFor how long one run of the job goes on before it leaves the rest to
 * the next run (its progress is kept in the store)
 */
@ConfigurationProperties("cocon.privacy.encryption")
record EncryptionProperties(@Nullable String keyset, @Nullable Path keysetFile,
		@DefaultValue("5m") Duration reencryptEvery, @DefaultValue("200") int reencryptBatch,
		@DefaultValue("1m") Duration reencryptRunFor) {

	static final String DEFAULT_FILE_NAME = "privacy-keyset.json";

	EncryptionProperties {
		if (reencryptBatch < 1) {
			throw new IllegalArgumentException("cocon.privacy.encryption.reencrypt-batch must be at least 1");
		}
	}

	boolean hasKeyset() {
		return this.keyset != null && !this.keyset.isBlank();
	}

}
