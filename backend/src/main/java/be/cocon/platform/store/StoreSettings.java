package be.cocon.platform.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.util.unit.DataSize;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the store. All but the last two concern the embedded store and have no
 * effect when {@code spring.mongodb.uri} points at a real MongoDB.
 *
 * @param dataDir folder that holds the embedded store's data file
 * @param database database name used on the embedded server
 * @param bindAddress loopback address the embedded server listens on
 * @param port port of the embedded server; 0 picks a free one
 * @param resetOnStart delete the data file before starting (used by the browser tests)
 * @param cacheSize memory the embedded store keeps of its data file's pages; a page it
 * must read again from the file is deserialized, which dominated the cost of an insert
 * under chat load with the store's 16 MB default
 * @param compactBelow how full the embedded store's data file must stay, in percent:
 * below it, a background thread rewrites the file's oldest parts to reclaim space. H2's
 * default of 90 kept that thread rewriting under chat load (7 % of the process's CPU); at
 * 50 the file may grow to about twice its live data
 * @param unavailableAfter how long an operation waits for a store it cannot reach before
 * it fails (the driver's server selection timeout): a send during an outage is refused as
 * {@code store.unavailable} after this, rather than hanging
 * @param readTimeout how long an operation waits for an answer on an open connection to a
 * store that stopped answering
 */
@ConfigurationProperties("cocon.store")
public record StoreSettings(@DefaultValue("./data") Path dataDir, @DefaultValue("cocon") String database,
		@DefaultValue("127.0.0.1") String bindAddress, @DefaultValue("0") int port,
		@DefaultValue("false") boolean resetOnStart, @DefaultValue("128MB") DataSize cacheSize,
		@DefaultValue("50") int compactBelow, @DefaultValue("5s") Duration unavailableAfter,
		@DefaultValue("15s") Duration readTimeout) {

	static final String DATA_FILE = "cocon.mv.db";

	public StoreSettings {
		if (compactBelow < 0 || compactBelow > 100) {
			throw new IllegalArgumentException(
					"cocon.store.compact-below must be a percentage from 0 to 100, not " + compactBelow);
		}
		if (!isLoopback(bindAddress)) {
			throw new IllegalArgumentException("cocon.store.bind-address must be a loopback address (such as 127.0.0.1 "
					+ "or ::1), not '" + bindAddress + "': the embedded store has no authentication");
		}
	}

	private static boolean isLoopback(String address) {
		try {
			return address != null && !address.isBlank() && InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	Path dataFile() {
		return this.dataDir.resolve(DATA_FILE).toAbsolutePath().normalize();
	}

}
