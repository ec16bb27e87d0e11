package be.cocon.privacy;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.bson.types.Binary;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@link Encrypted} does in the mapping, on every way the modules write: whole
 * records, {@code Update.set} of a property or of a record holding one,
 * {@code Update.push} of such a record, {@code findAndModify}; values stored before
 * encryption are still read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class EncryptedMappingTests {

	static final String COLLECTION = "encryption_probes";

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Keyring keys;

	@Autowired
	FieldCipher cipher;

	@Test
	void aRecordIsStoredSealedUnderThePrimaryKeyAndReadBackAsWritten() {
		Instant at = Instant.parse("2026-11-23T10:00:00Z");
		Probe probe = new Probe(id(), "mijn geheim", Map.of("answer", Map.of("text", "nog een geheim"), "at", at),
				List.of(new Item("a", "eerste")), new Item("b", "tweede"), "zichtbaar");

		this.mongo.insert(probe);

		Document raw = raw(probe.id());
		assertSealedWithPrimary(raw.get("text"));
		assertSealedWithPrimary(raw.get("data"));
		assertSealedWithPrimary(raw.getList("items", Document.class).get(0).get("text"));
		assertSealedWithPrimary(raw.get("single", Document.class).get("text"));
		assertThat(raw.get("plain")).isEqualTo("zichtbaar");
		assertThat(raw.toJson()).doesNotContain("geheim", "eerste", "tweede");
		Probe read = this.mongo.findById(probe.id(), Probe.class);
		assertThat(read).isNotNull();
		assertThat(read.text()).isEqualTo("mijn geheim");
		assertThat(read.data()).containsEntry("answer", Map.of("text", "nog een geheim"))
			.containsEntry("at", Date.from(at));
		assertThat(read.items()).containsExactly(new Item("a", "eerste"));
		assertThat(read.single()).isEqualTo(new Item("b", "tweede"));
	}

	@Test
	void theSameTextIsSealedDifferentlyEachTime() {
		Binary one = this.cipher.seal("hetzelfde");
		Binary two = this.cipher.seal("hetzelfde");

		assertThat(one.getData()).isNotEqualTo(two.getData());
		assertThat(this.cipher.open(one)).isEqualTo(this.cipher.open(two)).isEqualTo("hetzelfde");
	}

	@Test
	void updatesThatSetOrPushSealToo() {
		String id = id();
		this.mongo.insert(new Probe(id, "begin", null, List.of(), null, null));

		this.mongo.updateFirst(byId(id),
				new Update().set("text", "gezet")
					.set("single", new Item("s", "in een record"))
					.push("items", new Item("p", "geduwd")),
				Probe.class);
		Probe modified = this.mongo.findAndModify(byId(id),
				new Update().set("data", Map.of("note", "via findAndModify")),
				FindAndModifyOptions.options().returnNew(true), Probe.class);

		Document raw = raw(id);
		assertSealedWithPrimary(raw.get("text"));
		assertSealedWithPrimary(raw.get("data"));
		assertSealedWithPrimary(raw.get("single", Document.class).get("text"));
		assertSealedWithPrimary(raw.getList("items", Document.class).get(0).get("text"));
		assertThat(raw.toJson()).doesNotContain("gezet", "record", "geduwd", "findAndModify");
		assertThat(modified).isEqualTo(new Probe(id, "gezet", Map.of("note", "via findAndModify"),
				List.of(new Item("p", "geduwd")), new Item("s", "in een record"), null));
	}

	@Test
	void valuesStoredBeforeEncryptionAreStillRead() {
		String id = id();
		this.mongo.getCollection(COLLECTION)
			.insertOne(new Document("_id", id).append("text", "oud")
				.append("data", new Document("answer", new Document("text", "oud antwoord")))
				.append("items", List.of(new Document("key", "i").append("text", "oud item"))));

		Probe read = this.mongo.findById(id, Probe.class);

		assertThat(read).isNotNull();
		assertThat(read.text()).isEqualTo("oud");
		assertThat(read.data()).containsEntry("answer", Map.of("text", "oud antwoord"));
		assertThat(read.items()).containsExactly(new Item("i", "oud item"));
		assertThat(this.cipher.open("oud")).isEqualTo("oud");
	}

	@Test
	void anEncryptedPropertyCannotBeQueriedByItsValue() {
		assertThatThrownBy(() -> this.mongo.find(Query.query(Criteria.where("text").is("geheim")), Probe.class))
			.isInstanceOf(InvalidDataAccessApiUsageException.class)
			.hasMessageNotContaining("geheim");
		assertThat(this.mongo.find(Query.query(Criteria.where("_id").is(id()).and("text").exists(true)), Probe.class))
			.isEmpty();
	}

	@Test
	void aChangedSealedValueIsRefusedNotRead() {
		Binary sealed = this.cipher.seal("onaangeroerd");
		byte[] changed = sealed.getData().clone();
		changed[changed.length - 1] ^= 1;

		assertThatThrownBy(() -> this.cipher.open(new Binary(changed))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("could not be opened")
			.hasMessageNotContaining("onaangeroerd");
	}

	private void assertSealedWithPrimary(@Nullable Object value) {
		assertThat(value).isInstanceOf(Binary.class);
		assertThat(FieldSealer.keyIdOf(value)).isEqualTo(this.keys.primaryId());
	}

	private Document raw(String id) {
		Document raw = this.mongo.getCollection(COLLECTION).find(new Document("_id", id)).first();
		assertThat(raw).isNotNull();
		return raw;
	}

	private static Query byId(String id) {
		return Query.query(Criteria.where("_id").is(id));
	}

	private static String id() {
		return UUID.randomUUID().toString();
	}

	@org.springframework.data.mongodb.core.mapping.Document(COLLECTION)
	record Probe(@Id String id, @Encrypted String text, @Encrypted @Nullable Map<String, Object> data,
			@Nullable List<Item> items, @Nullable Item single, @Nullable String plain) {
	}

	record Item(String key, @Encrypted String text) {
	}

}
