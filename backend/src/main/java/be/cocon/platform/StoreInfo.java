package be.cocon.platform;

import java.nio.file.Path;
import java.util.Optional;

/** Which store this instance uses, for modules whose defaults differ between the two. */
public interface StoreInfo {

	/** Whether this is the embedded MongoDB-wire server rather than a real MongoDB. */
	boolean isEmbedded();

	/** The folder of the embedded store's data file; empty on a real MongoDB. */
	default Optional<Path> dataFolder() {
		return Optional.empty();
	}

}
