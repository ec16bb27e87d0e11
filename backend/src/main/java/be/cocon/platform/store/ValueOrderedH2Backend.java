package be.cocon.platform.store;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend, with every unique index (the {@code _id} index above
 * all) kept in a map ordered by {@link KeyValueKeyType}. The library's own index maps
 * order their keys by comparing the Java-serialized bytes of both keys at every step of
 * every lookup, which was most of the cost of an insert and of a history page.
 * <p>
 * The maps have names of their own ({@code <db>.<collection>._vindex_<index>}): a data
 * file written before has its indexes rebuilt from the documents at the first start (the
 * library fills an empty index from its collection), and the old maps are left unused.
 */
class ValueOrderedH2Backend extends H2Backend {

	ValueOrderedH2Backend(MVStore store) {
		super(store);
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		return new Database(databaseName);
	}

	private static String mapName(String databaseName, String collectionName, String indexName) {
		return databaseName + "." + collectionName + "._vindex_" + indexName;
	}

	/**
	 * Inner, so that it reaches the store while the superclass constructor opens indexes.
	 */
	private final class Database extends H2Database {

		Database(String name) {
			super(name, getMvStore(), getCursorRegistry());
		}

		@Override
		protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
				boolean sparse) {
			MVMap<KeyValue, Object> map = getMvStore().openMap(mapName(getDatabaseName(), collectionName, indexName),
					new MVMap.Builder<KeyValue, Object>().keyType(new KeyValueKeyType()));
			return new ValueOrderedIndex(map, indexName, keys, sparse);
		}

		@Override
		protected void dropIndex(MongoCollection<Object> collection, String indexName) {
			super.dropIndex(collection, indexName);
			String name = mapName(getDatabaseName(), collection.getCollectionName(), indexName);
			if (getMvStore().hasMap(name)) {
				getMvStore().removeMap(name);
			}
		}

	}

}
