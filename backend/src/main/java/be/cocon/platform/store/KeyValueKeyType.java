package be.cocon.platform.store;

import java.util.Comparator;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import org.h2.mvstore.type.ObjectDataType;

/**
 * Index keys stored as the H2 backend stores them (Java serialization), but ordered value
 * by value with mongo-java-server's own comparator. H2's default type orders keys that
 * are not {@link Comparable} (a {@link KeyValue} is not) by serializing both into new
 * byte arrays for every comparison.
 */
class KeyValueKeyType extends ObjectDataType {

	private static final Comparator<Object> VALUES = ValueComparator.ascWithoutListHandling();

	@Override
	public int compare(Object a, Object b) {
		if (a instanceof KeyValue left && b instanceof KeyValue right) {
			int sizes = Integer.compare(left.size(), right.size());
			if (sizes != 0) {
				return sizes;
			}
			for (int i = 0; i < left.size(); i++) {
				int values = VALUES.compare(left.get(i), right.get(i));
				if (values != 0) {
					return values;
				}
			}
			// Equal as values but not as objects (1 and 1.0): kept apart by their bytes,
			// as
			// before, so that the index stays exactly as strict about uniqueness.
			return left.equals(right) ? 0 : super.compare(a, b);
		}
		return super.compare(a, b);
	}

}
