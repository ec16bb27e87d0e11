package be.cocon.platform.store;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ValueOrderedIndexTests {

	@TempDir
	Path dir;

	private final KeyValueKeyType type = new KeyValueKeyType();

	@Test
	void keysAreOrderedByValueNotByTheirBytes() {
		List<KeyValue> keys = new ArrayList<>(
				List.of(new KeyValue(10L), new KeyValue(2L), new KeyValue(-1L), new KeyValue(300L), new KeyValue(1L)));
		keys.sort(this.type::compare);
		assertThat(keys).extracting((key) -> key.get(0)).containsExactly(-1L, 1L, 2L, 10L, 300L);

		assertThat(this.type.compare(new KeyValue("therapy-a-b"), new KeyValue("therapy-a-c"))).isNegative();
		assertThat(this.type.compare(new KeyValue("x", 2), new KeyValue("x", 2))).isZero();
		assertThat(this.type.compare(new KeyValue("x", 3), new KeyValue("x", 2))).isPositive();
		assertThat(this.type.compare(new KeyValue("x"), new KeyValue("x", 1))).isNegative();
	}

	@Test
	void valuesOfAnotherTypeThatCompareEqualStayDistinctKeysAsBefore() {
		// 1 and 1L are equal as values but were two keys in the library's index
		assertThat(this.type.compare(new KeyValue(1), new KeyValue(1L))).isNotZero();
	}

	@Test
	void aDataFileWrittenByTheLibrarysBackendOpensWithItsIndexesRebuilt() {
		String file = this.dir.resolve("before.mv.db").toString();
		withServer(new H2Backend(file), (collection) -> {
			for (int i = 0; i < 500; i++) {
				collection.insertOne(new Document("_id", "message-" + i).append("seq", i));
			}
			return null;
		});

		withServer(new ValueOrderedH2Backend(new MVStore.Builder().fileName(file).open()), (collection) -> {
			assertThat(collection.find(Filters.eq("_id", "message-321")).first()).containsEntry("seq", 321);
			assertThat(collection.find(Filters.in("_id", "message-7", "message-499", "absent")).into(new ArrayList<>()))
				.extracting((document) -> document.get("seq"))
				.containsExactlyInAnyOrder(7, 499);
			assertThatExceptionOfType(MongoWriteException.class)
				.isThrownBy(() -> collection.insertOne(new Document("_id", "message-42")))
				.satisfies((ex) -> assertThat(ex.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
			collection.insertOne(new Document("_id", "message-500").append("seq", 500));
			return null;
		});

		withServer(new ValueOrderedH2Backend(new MVStore.Builder().fileName(file).open()), (collection) -> {
			assertThat(collection.countDocuments()).isEqualTo(501);
			assertThat(collection.find(Filters.eq("_id", "message-500")).first()).containsEntry("seq", 500);
			collection.deleteOne(Filters.eq("_id", "message-0"));
			assertThat(collection.find(Filters.eq("_id", "message-0")).first()).isNull();
			collection.insertOne(new Document("_id", "message-0").append("seq", 0));
			return null;
		});
	}

	private void withServer(H2Backend backend, Function<MongoCollection<Document>, Void> work) {
		MongoServer server = new MongoServer(backend);
		try {
			InetSocketAddress address = server.bind();
			try (MongoClient client = MongoClients
				.create("mongodb://" + address.getHostString() + ":" + address.getPort())) {
				work.apply(client.getDatabase("cocon").getCollection("messages"));
			}
		}
		finally {
			server.shutdownNow();
		}
	}

}
