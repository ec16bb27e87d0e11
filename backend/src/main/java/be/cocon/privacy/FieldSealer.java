package be.cocon.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import com.mongodb.MongoClientSettings;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Binary;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The format of a sealed value. It is a BSON binary (subtype 0) holding Tink's AEAD
 * ciphertext: byte 0 is {@code 0x01}, bytes 1–4 the id of the key that sealed it (big
 * endian), then the 12-byte nonce, the ciphertext and the 16-byte GCM tag. Its plaintext
 * is one type byte ({@code 's'} UTF-8 text, {@code 'd'} a BSON document) and the value. A
 * plain string or document where a sealed value belongs was stored before encryption and
 * is read as it is.
 */
@Component
class FieldSealer implements FieldCipher {

	static final byte TEXT = 's';

	static final byte DOCUMENT = 'd';

	/** Tink's output prefix: one version byte and the four bytes of the key id. */
	static final int PREFIX = 5;

	private static final byte TINK_PREFIX_VERSION = 0x01;

	private static final byte[] NO_ASSOCIATED_DATA = new byte[0];

	private static final Codec<Document> DOCUMENTS = MongoClientSettings.getDefaultCodecRegistry().get(Document.class);

	private final Keyring keys;

	FieldSealer(Keyring keys) {
		this.keys = keys;
	}

	@Override
	public Binary seal(String text) {
		return sealed(TEXT, text.getBytes(StandardCharsets.UTF_8));
	}

	Binary sealDocument(Document document) {
		BasicOutputBuffer buffer = new BasicOutputBuffer();
		try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
			DOCUMENTS.encode(writer, document, EncoderContext.builder().build());
		}
		return sealed(DOCUMENT, buffer.toByteArray());
	}

	@Override
	public @Nullable String open(@Nullable Object stored) {
		Object opened = openValue(stored);
		if (opened == null || opened instanceof String) {
			return (String) opened;
		}
		throw new IllegalArgumentException("The stored value is a document, not a text");
	}

	/**
	 * Opens a stored value of an encrypted property.
	 * @return a {@code String} or a {@code Document} (sealed, or stored before
	 * encryption)
	 */
	@Nullable Object openValue(@Nullable Object stored) {
		if (stored == null || stored instanceof String || stored instanceof Document) {
			return stored;
		}
		byte[] plain = decrypt(bytesOf(stored));
		byte[] value = Arrays.copyOfRange(plain, 1, plain.length);
		return switch (plain[0]) {
			case TEXT -> new String(value, StandardCharsets.UTF_8);
			case DOCUMENT ->
				DOCUMENTS.decode(new BsonBinaryReader(ByteBuffer.wrap(value)), DecoderContext.builder().build());
			default -> throw new IllegalArgumentException("A sealed value of unknown type " + plain[0]);
		};
	}

	/** The same value sealed again with the primary key. */
	Binary reseal(Object stored) {
		return new Binary(encrypt(decrypt(bytesOf(stored))));
	}

	/** Whether the value is sealed with the primary key (false for plain values). */
	boolean isSealedWithPrimary(@Nullable Object stored) {
		Integer keyId = keyIdOf(stored);
		return keyId != null && keyId == this.keys.primaryId();
	}

	/**
	 * The id of the key a sealed value was sealed with, or null when it is not sealed.
	 */
	static @Nullable Integer keyIdOf(@Nullable Object stored) {
		byte[] bytes = (stored instanceof Binary binary) ? binary.getData()
				: (stored instanceof byte[] raw) ? raw : null;
		if (bytes == null || bytes.length <= PREFIX || bytes[0] != TINK_PREFIX_VERSION) {
			return null;
		}
		return ByteBuffer.wrap(bytes, 1, 4).getInt();
	}

	private Binary sealed(byte type, byte[] value) {
		byte[] plain = new byte[value.length + 1];
		plain[0] = type;
		System.arraycopy(value, 0, plain, 1, value.length);
		return new Binary(encrypt(plain));
	}

	private byte[] encrypt(byte[] plain) {
		try {
			return this.keys.aead().encrypt(plain, NO_ASSOCIATED_DATA);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not seal a value", ex);
		}
	}

	private byte[] decrypt(byte[] sealed) {
		try {
			byte[] plain = this.keys.aead().decrypt(sealed, NO_ASSOCIATED_DATA);
			if (plain.length == 0) {
				throw new IllegalArgumentException("A sealed value without a type");
			}
			return plain;
		}
		catch (GeneralSecurityException ex) {
			Integer keyId = keyIdOf(sealed);
			// never the value itself: it is client text
			throw new IllegalArgumentException("A sealed value could not be opened (key "
					+ ((keyId != null) ? Integer.toUnsignedLong(keyId) : "unknown")
					+ "): its key is not in the keyset, or the value was changed in the store");
		}
	}

	private static byte[] bytesOf(Object stored) {
		if (stored instanceof Binary binary) {
			return binary.getData();
		}
		if (stored instanceof byte[] bytes) {
			return bytes;
		}
		throw new IllegalArgumentException(
				"An encrypted property holds a " + stored.getClass().getSimpleName() + ", not a sealed value");
	}

}
