package be.cocon.platform.store;

import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import org.h2.mvstore.MVMap;

/**
 * A unique index in an H2 map ordered by {@link KeyValueKeyType}: the key is the indexed
 * value(s), the value the document's position in its collection.
 */
class ValueOrderedIndex extends AbstractUniqueIndex<Object> {

	private final MVMap<KeyValue, Object> map;

	ValueOrderedIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
		super(name, keys, sparse);
		this.map = map;
	}

	@Override
	protected Object removeDocument(KeyValue key) {
		return this.map.remove(key);
	}

	@Override
	protected boolean putKeyPosition(KeyValue key, Object position) {
		return this.map.putIfAbsent(key, Missing.ofNullable(position)) == null;
	}

	@Override
	protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
		return this.map.entrySet();
	}

	@Override
	protected Object getPosition(KeyValue key) {
		return this.map.get(key);
	}

	@Override
	public long getCount() {
		return this.map.sizeAsLong();
	}

	@Override
	public boolean isEmpty() {
		return this.map.isEmpty();
	}

	@Override
	public long getDataSize() {
		return getCount();
	}

}
