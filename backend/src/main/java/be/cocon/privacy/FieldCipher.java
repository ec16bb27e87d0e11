package be.cocon.privacy;

import org.bson.types.Binary;
import org.jspecify.annotations.Nullable;

/**
 * Seals and opens client text for code that writes raw {@code org.bson.Document}s (mapped
 * records use {@link Encrypted}). A sealed value is a BSON binary whose bytes are a Tink
 * AES-256-GCM ciphertext with the key id in its first five bytes; see
 * {@code docs/privacy.md}.
 */
public interface FieldCipher {

	/** Seals a text with the current primary key. */
	Binary seal(String text);

	/**
	 * Opens a stored text: a sealed value (any key of the keyset), or a plain string
	 * written before encryption.
	 * @return the text, or null for null
	 * @throws IllegalArgumentException when the value is neither, or cannot be opened
	 * with the keyset (wrong key, or changed in the store)
	 */
	@Nullable String open(@Nullable Object stored);

}
