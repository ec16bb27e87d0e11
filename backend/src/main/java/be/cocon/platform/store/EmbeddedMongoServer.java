package be.cocon.platform.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process MongoDB-wire-protocol server ({@code mongo-java-server}) whose H2 backend
 * keeps the data in one file. The application reaches it over TCP through the ordinary
 * MongoDB driver, exactly as it reaches a real MongoDB.
 */
class EmbeddedMongoServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

	private final Path dataFile;

	private final H2Backend backend;

	private final MongoServer server;

	private final InetSocketAddress address;

	EmbeddedMongoServer(StoreSettings settings) {
		this.dataFile = settings.dataFile();
		prepareDataFile(settings.resetOnStart());
		this.backend = new ValueOrderedH2Backend(new MVStore.Builder().fileName(this.dataFile.toString())
			.cacheSize((int) Math.max(1, settings.cacheSize().toMegabytes()))
			.autoCompactFillRate(settings.compactBelow())
			.open());
		this.server = new MongoServer(this.backend);
		this.server.bind(settings.bindAddress(), settings.port());
		this.address = this.server.getLocalAddress();
		log.info("Store: embedded MongoDB-wire server (mongo-java-server, H2 backend) on {}:{}, data in {}",
				this.address.getHostString(), this.address.getPort(), this.dataFile);
	}

	private void prepareDataFile(boolean reset) {
		try {
			Files.createDirectories(this.dataFile.getParent());
			if (reset && Files.deleteIfExists(this.dataFile)) {
				log.info("Store: deleted {} because cocon.store.reset-on-start is set", this.dataFile);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot prepare the embedded store's data folder for " + this.dataFile, ex);
		}
	}

	String connectionString(String database) {
		String host = this.address.getHostString();
		boolean ipv6 = this.address.getAddress() instanceof Inet6Address;
		return "mongodb://" + (ipv6 ? "[" + host + "]" : host) + ":" + this.address.getPort() + "/" + database;
	}

	Path dataFile() {
		return this.dataFile;
	}

	/**
	 * Writes everything still pending to the data file. The H2 backend otherwise commits
	 * in the background about once a second.
	 */
	void commit() {
		this.backend.commit();
	}

	@Override
	public void close() {
		// also closes the H2 backend, which commits what is still pending
		this.server.shutdownNow();
		log.info("Store: embedded server stopped, data committed to {}", this.dataFile);
	}

}
