package be.cocon.privacy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.data.mapping.context.MappingContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.stereotype.Component;

/**
 * Where sealed values live: per collection, the dotted paths of the {@link Encrypted}
 * properties of its mapped record, read from the mapping metadata (a list on the way is
 * walked element by element). The re-encryption job works through these.
 */
@Component
class EncryptedFields {

	private static final int MAX_DEPTH = 8;

	private final MappingContext<? extends MongoPersistentEntity<?>, MongoPersistentProperty> mapping;

	private volatile @Nullable Map<String, List<String>> byCollection;

	EncryptedFields(MongoTemplate mongo) {
		this.mapping = mongo.getConverter().getMappingContext();
	}

	/** Collection name to the paths of its encrypted properties, in a fixed order. */
	Map<String, List<String>> byCollection() {
		Map<String, List<String>> found = this.byCollection;
		if (found == null) {
			found = scan();
			this.byCollection = found;
		}
		return found;
	}

	/** Every path as {@code collection:path}, to tell when the set changed. */
	List<String> fingerprint() {
		List<String> all = new ArrayList<>();
		byCollection().forEach((collection, paths) -> paths.forEach((path) -> all.add(collection + ":" + path)));
		return all;
	}

	private Map<String, List<String>> scan() {
		Map<String, List<String>> found = new TreeMap<>();
		for (MongoPersistentEntity<?> entity : List.copyOf(this.mapping.getPersistentEntities())) {
			if (!entity.isAnnotationPresent(Document.class)) {
				continue;
			}
			List<String> paths = new ArrayList<>();
			collect(entity, "", paths, 0);
			if (!paths.isEmpty()) {
				found.computeIfAbsent(entity.getCollection(), (name) -> new ArrayList<>()).addAll(paths);
			}
		}
		found.replaceAll((collection, paths) -> List.copyOf(paths.stream().distinct().sorted().toList()));
		return Collections.unmodifiableMap(found);
	}

	private void collect(MongoPersistentEntity<?> entity, String prefix, List<String> paths, int depth) {
		for (MongoPersistentProperty property : entity) {
			String path = prefix + property.getFieldName();
			if (property.isAnnotationPresent(Encrypted.class)) {
				paths.add(path);
			}
			else if (depth < MAX_DEPTH && property.isEntity() && !property.isMap()
					&& property.getActualType() != Object.class) {
				MongoPersistentEntity<?> nested = this.mapping.getPersistentEntity(property.getActualType());
				if (nested != null) {
					collect(nested, path + ".", paths, depth + 1);
				}
			}
		}
	}

}
