package be.cocon.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import be.cocon.platform.StoreInfo;

/**
 * The AES-256-GCM keyset that seals client text: from
 * {@code cocon.privacy.encryption.keyset} (the environment) or from the key file, which
 * is created on first start. It is parsed once into one {@link Aead} primitive; rotation
 * swaps that primitive. The store remembers the latest primary key id, so a start with a
 * keyset that lacks it (a lost or wrong key file, another instance's keyset) fails
 * instead of sealing new values with a key the older values do not share.
 */
@Component
class Keyring {

	static final String COLLECTION = "privacy_keys";

	static final String GUARD = "keyring";

	private static final Logger log = LoggerFactory.getLogger(Keyring.class);

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	static {
		try {
			AeadConfig.register();
		}
		catch (GeneralSecurityException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** Where the keyset comes from. */
	enum Source {

		/** {@code cocon.privacy.encryption.keyset}; rotated by changing it. */
		ENVIRONMENT,
		/** The key file; rotated by the admin API. */
		FILE

	}

	private final Source source;

	private final Path file;

	private final MongoTemplate mongo;

	private final Clock clock;

	private volatile Loaded loaded;

	Keyring(EncryptionProperties properties, Environment environment, StoreInfo store, MongoTemplate mongo,
			Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
		this.file = keysetFile(properties, store, environment);
		if (properties.hasKeyset()) {
			this.source = Source.ENVIRONMENT;
			this.loaded = load(parse(properties.keyset(), "cocon.privacy.encryption.keyset"));
			checkAgainstStore("cocon.privacy.encryption.keyset");
			log.info("Field encryption: keyset from cocon.privacy.encryption.keyset ({} keys, primary key {})",
					this.loaded.handle().size(), primaryKeyId());
		}
		else {
			this.source = Source.FILE;
			if (Files.exists(this.file)) {
				this.loaded = load(parse(read(this.file), this.file.toString()));
				checkAgainstStore(this.file.toString());
				warnIfOthersMayRead(this.file);
				log.info("Field encryption: keyset read from {} ({} keys, primary key {})", this.file,
						this.loaded.handle().size(), primaryKeyId());
			}
			else {
				refuseNewKeyOverSealedValues();
				KeysetHandle created = generate();
				write(this.file, created);
				this.loaded = load(created);
				log.info(
						"Field encryption: created a keyset with one key (primary key {}) in {} (permissions 0600); "
								+ "keep a copy apart from the store: without it the stored client texts cannot be read",
						primaryKeyId(), this.file);
				if (!store.isEmbedded()) {
					log.warn("Field encryption: the keyset file was created by this instance; every instance on this "
							+ "store must use the same keyset (cocon.privacy.encryption.keyset or a shared file)");
				}
			}
		}
		rememberPrimary();
	}

	Aead aead() {
		return this.loaded.aead();
	}

	/** The key id new values are sealed with (Tink's id, as it is written: signed). */
	int primaryId() {
		return this.loaded.primaryId();
	}

	/** The primary key id as Tink's JSON and the docs show it (unsigned). */
	long primaryKeyId() {
		return Integer.toUnsignedLong(primaryId());
	}

	Source source() {
		return this.source;
	}

	Path file() {
		return this.file;
	}

	boolean contains(int keyId) {
		KeysetHandle handle = this.loaded.handle();
		for (int i = 0; i < handle.size(); i++) {
			if (handle.getAt(i).getId() == keyId) {
				return true;
			}
		}
		return false;
	}

	/** The keys, without their material. */
	List<KeyInfo> keys() {
		KeysetHandle handle = this.loaded.handle();
		List<KeyInfo> keys = new ArrayList<>();
		for (int i = 0; i < handle.size(); i++) {
			KeysetHandle.Entry entry = handle.getAt(i);
			keys.add(new KeyInfo(Integer.toUnsignedLong(entry.getId()), entry.getStatus().toString(),
					entry.isPrimary()));
		}
		return keys;
	}

	/**
	 * Adds a new AES-256-GCM key as primary and writes the key file (atomically, 0600);
	 * the older keys stay for reading.
	 * @return the new primary key
	 * @throws IllegalStateException when the keyset comes from the environment
	 */
	synchronized KeyInfo rotate() {
		if (this.source != Source.FILE) {
			throw new IllegalStateException("The keyset comes from cocon.privacy.encryption.keyset");
		}
		KeysetHandle rotated = withNewPrimary(this.loaded.handle());
		write(this.file, rotated);
		this.loaded = load(rotated);
		rememberPrimary();
		log.info("Field encryption: new primary key {} in {} ({} keys)", primaryKeyId(), this.file, rotated.size());
		return new KeyInfo(primaryKeyId(), "ENABLED", true);
	}

	static KeysetHandle generate() {
		try {
			return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not generate a key", ex);
		}
	}

	/** The keyset with one more AES-256-GCM key, which becomes the primary. */
	static KeysetHandle withNewPrimary(KeysetHandle handle) {
		return withNewKey(handle, true);
	}

	/** The keyset with one more AES-256-GCM key, primary or only enabled for reading. */
	static KeysetHandle withNewKey(KeysetHandle handle, boolean primary) {
		try {
			KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
			builder
				.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId());
			if (primary) {
				builder.getAt(builder.size() - 1).makePrimary();
			}
			return validated(builder.build(), "the new keyset");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not add a key", ex);
		}
	}

	/** Parses a Tink JSON keyset and checks that it holds only AES-256-GCM keys. */
	static KeysetHandle parse(String json, String where) {
		try {
			return validated(TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get()), where);
		}
		catch (GeneralSecurityException ex) {
			// the message of a parse failure could quote key material: leave it out
			throw new IllegalStateException("The keyset in " + where + " is not a valid Tink JSON keyset");
		}
	}

	static String serialize(KeysetHandle handle) {
		try {
			return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not write the keyset", ex);
		}
	}

	private static KeysetHandle validated(KeysetHandle handle, String where) {
		for (int i = 0; i < handle.size(); i++) {
			KeysetHandle.Entry entry = handle.getAt(i);
			if (!(entry.getKey().getParameters() instanceof AesGcmParameters parameters)
					|| parameters.getKeySizeBytes() != 32 || parameters.getVariant() != AesGcmParameters.Variant.TINK) {
				throw new IllegalStateException("The keyset in " + where + " must hold only AES-256-GCM keys with "
						+ "Tink's output prefix (AES256_GCM); key " + Integer.toUnsignedLong(entry.getId())
						+ " is not one");
			}
		}
		return handle;
	}

	private static Loaded load(KeysetHandle handle) {
		try {
			return new Loaded(handle, handle.getPrimitive(RegistryConfiguration.get(), Aead.class),
					handle.getPrimary().getId());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The keyset cannot seal", ex);
		}
	}

	private static Path keysetFile(EncryptionProperties properties, StoreInfo store, Environment environment) {
		Path configured = properties.keysetFile();
		if (configured != null) {
			return configured.toAbsolutePath().normalize();
		}
		// next to the embedded store's data file; on a real MongoDB in the same folder
		Path folder = store.dataFolder()
			.orElseGet(() -> Path.of(environment.getProperty("cocon.store.data-dir", "./data")));
		return folder.resolve(EncryptionProperties.DEFAULT_FILE_NAME).toAbsolutePath().normalize();
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the keyset file " + file, ex);
		}
	}

	/** Writes the keyset to a new file readable by the owner only, then moves it over. */
	private static void write(Path file, KeysetHandle handle) {
		try {
			Path folder = file.getParent();
			Files.createDirectories(folder);
			Path next = folder.resolve(file.getFileName() + ".new");
			Files.deleteIfExists(next);
			if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
				Files.createFile(next, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
			}
			else {
				Files.createFile(next);
			}
			Files.writeString(next, serialize(handle), StandardCharsets.UTF_8);
			Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the keyset file " + file, ex);
		}
	}

	private static void warnIfOthersMayRead(Path file) {
		try {
			if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
					&& !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
				log.warn("Field encryption: the keyset file {} can be read by others than its owner; chmod 600 it",
						file);
			}
		}
		catch (IOException ex) {
			log.warn("Field encryption: could not read the permissions of {}", file);
		}
	}

	/** The latest primary key id the store has seen, if any. */
	private @Nullable Long rememberedPrimary() {
		Document guard = this.mongo.findById(GUARD, Document.class, COLLECTION);
		Number id = (guard != null) ? guard.get("primaryKeyId", Number.class) : null;
		return (id != null) ? id.longValue() : null;
	}

	private void checkAgainstStore(String where) {
		Long remembered = rememberedPrimary();
		if (remembered != null && !contains((int) remembered.longValue())) {
			throw new IllegalStateException("The store holds client texts sealed with key " + remembered
					+ ", which the keyset in " + where + " does not have: start with the keyset that holds it");
		}
	}

	private void refuseNewKeyOverSealedValues() {
		Long remembered = rememberedPrimary();
		if (remembered != null) {
			throw new IllegalStateException("The store holds client texts sealed with key " + remembered
					+ " but there is no keyset file at " + this.file
					+ ": restore that file (or set cocon.privacy.encryption.keyset); a new key could not read them");
		}
	}

	private void rememberPrimary() {
		this.mongo.upsert(Query.query(Criteria.where("_id").is(GUARD)),
				new Update().set("primaryKeyId", primaryKeyId()).set("at", Date.from(this.clock.instant())),
				COLLECTION);
	}

	/**
	 * One key of the keyset, without its material.
	 *
	 * @param id Tink's key id, written in every value it sealed
	 * @param status ENABLED, DISABLED or DESTROYED
	 * @param primary whether new values are sealed with it
	 */
	record KeyInfo(long id, String status, boolean primary) {
	}

	private record Loaded(KeysetHandle handle, Aead aead, int primaryId) {
	}

}
