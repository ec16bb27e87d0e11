package be.cocon.platform.store;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import be.cocon.platform.StoreInfo;

/**
 * Which store this instance uses, for the startup log and {@code /actuator/info}. Never
 * holds credentials.
 *
 * @param kind {@code embedded} or {@code mongodb}
 * @param location data file of the embedded store, or the hosts of the real MongoDB
 * @param database database name, when known
 */
record StoreDescription(String kind, String location, @Nullable String database) implements StoreInfo {

	static StoreDescription embedded(Path dataFile) {
		return new StoreDescription("embedded", dataFile.toString(), null);
	}

	@Override
	public boolean isEmbedded() {
		return "embedded".equals(this.kind);
	}

	@Override
	public Optional<Path> dataFolder() {
		return isEmbedded() ? Optional.ofNullable(Path.of(this.location).getParent()) : Optional.empty();
	}

	Map<String, Object> asInfo() {
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("kind", this.kind);
		info.put("location", this.location);
		if (this.database != null) {
			info.put("database", this.database);
		}
		return info;
	}

}
