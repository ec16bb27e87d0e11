package be.cocon.platform.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the code of every module relies on from the store. Runs against the embedded
 * server and, where Docker exists, against a real MongoDB.
 */
abstract class StoreContractTests {

	@Autowired
	MongoTemplate mongo;

	String collection;

	@BeforeEach
	void freshCollection() {
		this.collection = "contract_" + UUID.randomUUID().toString().replace("-", "");
	}

	@Test
	void documentWrittenIsReadBackByComputedId() {
		this.mongo.insert(new Document("_id", "c1:0000000001").append("body", "hallo").append("seq", 1L),
				this.collection);

		Document found = this.mongo.findById("c1:0000000001", Document.class, this.collection);

		assertThat(found).isNotNull();
		assertThat(found.getString("body")).isEqualTo("hallo");
		assertThat(found.getLong("seq")).isEqualTo(1L);
	}

	@Test
	void idInQueryReturnsExactlyTheRequestedDocuments() {
		for (int i = 1; i <= 20; i++) {
			this.mongo.insert(new Document("_id", "m" + i).append("n", i), this.collection);
		}

		Query query = Query.query(Criteria.where("_id").in("m3", "m7", "m19", "missing")).with(Sort.by("n"));
		List<Document> page = this.mongo.find(query, Document.class, this.collection);

		assertThat(page).extracting((doc) -> doc.getInteger("n")).containsExactly(3, 7, 19);
	}

	@Test
	void uniqueIndexCreatedExplicitlyRejectsADuplicate() {
		this.mongo.indexOps(this.collection).createIndex(new Index("username", Sort.Direction.ASC).unique());
		this.mongo.insert(new Document("_id", "u1").append("username", "sam"), this.collection);

		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.mongo.insert(new Document("_id", "u2").append("username", "sam"), this.collection));
		assertThat(this.mongo.getCollection(this.collection).countDocuments()).isEqualTo(1);
	}

	@Test
	void duplicateIdIsRejected() {
		this.mongo.insert(new Document("_id", "dedup:sam:abc"), this.collection);

		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.mongo.insert(new Document("_id", "dedup:sam:abc"), this.collection));
	}

	@Test
	void atomicIncrementHandsOutEverySequenceNumberOnce() throws InterruptedException {
		int threads = 4;
		int perThread = 25;
		List<Long> seen = Collections.synchronizedList(new ArrayList<>());
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		for (int t = 0; t < threads; t++) {
			pool.execute(() -> {
				for (int i = 0; i < perThread; i++) {
					seen.add(nextSequence("conversation-1"));
				}
			});
		}
		pool.shutdown();
		assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

		assertThat(seen).hasSize(threads * perThread).doesNotHaveDuplicates();
		assertThat(seen).allSatisfy((seq) -> assertThat(seq).isBetween(1L, (long) threads * perThread));
	}

	@Test
	void instantsSurviveTheRoundTripAtMillisecondPrecision() {
		Instant at = Instant.parse("2026-11-23T10:15:30.123Z");
		this.mongo.insert(new Document("_id", "t").append("at", Date.from(at)), this.collection);

		Document found = this.mongo.findById("t", Document.class, this.collection);

		assertThat(found).isNotNull();
		assertThat(found.getDate("at").toInstant()).isEqualTo(at);
	}

	private long nextSequence(String id) {
		Document counter = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(id)),
				new Update().inc("seq", 1L), FindAndModifyOptions.options().upsert(true).returnNew(true),
				Document.class, this.collection);
		return (counter != null) ? counter.getLong("seq") : -1;
	}

}
