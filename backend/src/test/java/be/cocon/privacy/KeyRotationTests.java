package be.cocon.privacy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import be.cocon.identity.Role;
import be.cocon.identity.TestTokens;
import be.cocon.platform.StoreInfo;
import be.cocon.privacy.EncryptedMappingTests.Item;
import be.cocon.privacy.EncryptedMappingTests.Probe;
import be.cocon.support.HttpTestClient;
import be.cocon.support.HttpTestClient.Response;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Key rotation and the re-encryption job: after a rotation new values use the new key and
 * old ones stay readable; the job (here two documents per batch, never on its own
 * schedule) leaves no value under an older key or in plain text, goes on where it stopped
 * after a restart, and loses no update made while it runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cocon.privacy.encryption.reencrypt-every=1h", "cocon.privacy.encryption.reencrypt-batch=2" })
@Import(TestTokens.class)
class KeyRotationTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Keyring keys;

	@Autowired
	FieldSealer sealer;

	@Autowired
	EncryptedFields fields;

	@Autowired
	EncryptionProperties properties;

	@Autowired
	Reencryption job;

	@Autowired
	Clock clock;

	@Autowired
	StoreInfo store;

	@Autowired
	Environment environment;

	@Test
	void afterRotationNewValuesUseTheNewKeyAndTheJobMovesEveryOldOneResumingAfterARestart() {
		List<Probe> before = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			Probe probe = probe("voor " + i);
			this.mongo.insert(probe);
			before.add(probe);
		}
		for (int i = 0; i < 3; i++) {
			this.mongo.getCollection(EncryptedMappingTests.COLLECTION)
				.insertOne(new Document("_id", UUID.randomUUID().toString()).append("text", "van voor de versleuteling")
					.append("data", new Document("answer", new Document("text", "oud"))));
		}
		long oldPrimary = this.keys.primaryKeyId();
		HttpTestClient http = new HttpTestClient(this.port);
		String admin = bearer(this.tokens.tokenFor(Role.ADMIN));

		Response rotated = http.postJson("/api/admin/privacy/keys/rotate", "", "Authorization", admin);

		assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
		long newPrimary = rotated.json().get("primaryKeyId").asLong();
		assertThat(newPrimary).isNotEqualTo(oldPrimary).isEqualTo(this.keys.primaryKeyId());
		assertThat(rotated.json().get("keys").findValuesAsString("id")).contains(String.valueOf(oldPrimary),
				String.valueOf(newPrimary));
		assertThat(rotated.body()).doesNotContain("value", "keyData");
		assertThat(http
			.postJson("/api/admin/privacy/keys/rotate", "", "Authorization",
					bearer(this.tokens.tokenFor(Role.THERAPIST)))
			.status()).isEqualTo(403);
		Probe after = probe("na");
		this.mongo.insert(after);
		assertThat(keyOf(raw(after.id()).get("text"))).isEqualTo(newPrimary);
		for (Probe probe : before) {
			assertThat(keyOf(raw(probe.id()).get("text"))).isEqualTo(oldPrimary);
			assertThat(this.mongo.findById(probe.id(), Probe.class)).isEqualTo(probe);
		}

		Reencryption.Progress progress = this.job.run(Duration.ofMinutes(5), 1);
		while (!(EncryptedMappingTests.COLLECTION.equals(progress.collections().get(progress.index()))
				&& progress.lastId() != null)) {
			progress = this.job.run(Duration.ofMinutes(5), 1);
		}
		assertThat(this.job.progress()).isEqualTo(progress);
		// written behind the job's position: a resumed pass does not come back for it
		this.mongo.getCollection(EncryptedMappingTests.COLLECTION)
			.insertOne(new Document("_id", "!behind").append("text", "achter de taak"));
		Reencryption restarted = new Reencryption(this.mongo, this.keys, this.sealer, this.fields, this.properties,
				this.clock);
		Reencryption.Progress done = restarted.run(Duration.ofMinutes(5), Integer.MAX_VALUE);

		assertThat(done.finished()).isTrue();
		assertThat(done.targetKeyId()).isEqualTo(newPrimary);
		assertThat(done.resealed()).isGreaterThanOrEqualTo(before.size() * 4L);
		assertThat(done.sealedFromPlain()).isGreaterThanOrEqualTo(3 * 2L);
		assertThat(raw("!behind").get("text")).as("the restarted pass went on after its position")
			.isEqualTo("achter de taak");
		this.mongo.getCollection(EncryptedMappingTests.COLLECTION).deleteOne(new Document("_id", "!behind"));
		assertEveryValueSealedWith(this.keys.primaryId());
		for (Probe probe : before) {
			assertThat(this.mongo.findById(probe.id(), Probe.class)).isEqualTo(probe);
		}
		JsonNode view = http.get("/api/admin/privacy/keys", "Authorization", admin).json();
		assertThat(view.at("/reencryption/targetKeyId").asLong()).isEqualTo(newPrimary);
		assertThat(view.at("/reencryption/finishedAt").isNull()).isFalse();
		assertThat(view.get("source").asString()).isEqualTo("FILE");
	}

	@Test
	void updatesMadeWhileTheJobRunsAreKept() throws Exception {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			Probe probe = probe("begin " + i);
			this.mongo.insert(probe);
			ids.add(probe.id());
		}
		this.keys.rotate();
		int pushes = 60;
		CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
			for (int i = 0; i < pushes; i++) {
				this.mongo.updateFirst(Query.query(Criteria.where("_id").is(ids.get(i % ids.size()))),
						new Update().push("items", new Item("w" + i, "tijdens de taak " + i)), Probe.class);
			}
		});

		Reencryption.Progress progress = this.job.run(Duration.ofMinutes(5), Integer.MAX_VALUE);
		writer.get(1, TimeUnit.MINUTES);
		while (!progress.finished()) {
			progress = this.job.run(Duration.ofMinutes(5), Integer.MAX_VALUE);
		}

		int items = 0;
		for (String id : ids) {
			Probe probe = this.mongo.findById(id, Probe.class);
			assertThat(probe).isNotNull();
			items += probe.items().size();
			assertThat(probe.text()).startsWith("begin ");
		}
		assertThat(items).as("every push survived the re-sealing").isEqualTo(pushes + ids.size());
		assertEveryValueSealedWith(this.keys.primaryId());
	}

	@Test
	void aDocumentChangedBetweenReadingAndResealingIsReadAgainNotOverwritten() {
		Probe probe = probe("gelezen");
		this.mongo.insert(probe);
		this.keys.rotate();
		Document stale = raw(probe.id());
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(probe.id())),
				new Update().push("items", new Item("later", "erna geschreven")), Probe.class);
		Reencryption.Counts counts = new Reencryption.Counts();

		boolean done = this.job.reseal(EncryptedMappingTests.COLLECTION, stale,
				this.fields.byCollection().get(EncryptedMappingTests.COLLECTION), counts);

		assertThat(done).isTrue();
		assertThat(counts.changedMeanwhile).isEqualTo(1);
		Probe read = this.mongo.findById(probe.id(), Probe.class);
		assertThat(read).isNotNull();
		assertThat(read.items()).extracting(Item::text).containsExactly("gelezen a", "erna geschreven");
		Document resealed = raw(probe.id());
		for (Object value : List.of(resealed.get("text"), resealed.get("data"),
				resealed.getList("items", Document.class).get(0).get("text"),
				resealed.get("single", Document.class).get("text"))) {
			assertThat(FieldSealer.keyIdOf(value)).isEqualTo(this.keys.primaryId());
		}
	}

	@Test
	void theKeyFileIsTheOwnersOnlyAndAKeysetWithoutTheStoresLatestKeyIsRefused(@TempDir Path folder) throws Exception {
		assertThat(this.keys.file()).hasFileName(EncryptionProperties.DEFAULT_FILE_NAME);
		assertThat(this.keys.file().getParent()).isEqualTo(this.store.dataFolder().orElseThrow());
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.keys.file())))
			.isEqualTo("rw-------");
		assertThat(Files.readString(this.keys.file())).contains("primaryKeyId");

		Path missing = folder.resolve("lost.json");
		assertThatThrownBy(() -> keyring(null, missing)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("restore");
		assertThat(missing).doesNotExist();
		String other = Keyring.serialize(Keyring.generate());
		assertThatThrownBy(() -> keyring(other, missing)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("does not have");

		Keyring sameKeys = keyring(Files.readString(this.keys.file()), missing);
		assertThat(sameKeys.source()).isEqualTo(Keyring.Source.ENVIRONMENT);
		assertThat(sameKeys.primaryId()).isEqualTo(this.keys.primaryId());
	}

	private Keyring keyring(String keyset, Path file) {
		return new Keyring(new EncryptionProperties(keyset, file, Duration.ofHours(1), 2, Duration.ofMinutes(1)),
				this.environment, this.store, this.mongo, this.clock);
	}

	/** Every encrypted value in the store, of every collection with encrypted fields. */
	private void assertEveryValueSealedWith(int keyId) {
		this.fields.byCollection().forEach((collection, paths) -> {
			for (Document document : this.mongo.getCollection(collection).find()) {
				for (String path : paths) {
					for (Object value : leaves(document, List.of(path.split("\\.")))) {
						assertThat(FieldSealer.keyIdOf(value)).as(collection + " " + document.get("_id") + " " + path)
							.isEqualTo(keyId);
					}
				}
			}
		});
	}

	private static List<Object> leaves(Object value, List<String> path) {
		if (value instanceof List<?> list) {
			return list.stream().flatMap((element) -> leaves(element, path).stream()).toList();
		}
		if (path.isEmpty()) {
			return List.of(value);
		}
		if (value instanceof Document document && document.get(path.get(0)) != null) {
			return leaves(document.get(path.get(0)), path.subList(1, path.size()));
		}
		return List.of();
	}

	private Document raw(String id) {
		return this.mongo.getCollection(EncryptedMappingTests.COLLECTION).find(new Document("_id", id)).first();
	}

	private static long keyOf(Object value) {
		return Integer.toUnsignedLong(FieldSealer.keyIdOf(value));
	}

	private static Probe probe(String text) {
		return new Probe(UUID.randomUUID().toString(), text, Map.of("answer", Map.of("text", text)),
				new ArrayList<>(List.of(new Item("a", text + " a"))), new Item("b", text + " b"), null);
	}

}
