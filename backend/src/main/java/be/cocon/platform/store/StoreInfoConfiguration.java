package be.cocon.platform.store;

import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.WriteConcern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

import be.cocon.platform.Durability;

/**
 * Says which store is in use: in the log at startup, under {@code store} in
 * {@code /actuator/info}, and as the {@code store} component of {@code /actuator/health}.
 */
@AutoConfiguration(after = { EmbeddedStoreAutoConfiguration.class, MongoAutoConfiguration.class,
		DataMongoAutoConfiguration.class })
@EnableConfigurationProperties(StoreSettings.class)
class StoreInfoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(StoreInfoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(StoreDescription.class)
	StoreDescription externalStoreDescription(MongoConnectionDetails details) {
		ConnectionString connection = details.getConnectionString();
		StoreDescription description = new StoreDescription("mongodb", String.join(",", connection.getHosts()),
				connection.getDatabase());
		log.info("Store: MongoDB at {} (database {}); no embedded server started", description.location(),
				description.database());
		return description;
	}

	/**
	 * On a real MongoDB the client's write concern (majority, journaled) makes writes
	 * durable.
	 */
	@Bean
	@ConditionalOnMissingBean(Durability.class)
	Durability externalStoreDurability() {
		return new Durability() {

			@Override
			public void awaitDurable() {
			}

			@Override
			public void afterDurable(Runnable action) {
				action.run();
			}

		};
	}

	/**
	 * Durable writes, and an outage that fails fast: an operation gives up after
	 * {@code cocon.store.unavailable-after} without a reachable store, or
	 * {@code cocon.store.read-timeout} without an answer, instead of hanging.
	 */
	@Bean
	MongoClientSettingsBuilderCustomizer durableWrites(StoreSettings store) {
		return (settings) -> settings.writeConcern(WriteConcern.MAJORITY.withJournal(true))
			.applyToClusterSettings((cluster) -> cluster.serverSelectionTimeout(store.unavailableAfter().toMillis(),
					TimeUnit.MILLISECONDS))
			.applyToSocketSettings(
					(socket) -> socket.connectTimeout((int) store.unavailableAfter().toMillis(), TimeUnit.MILLISECONDS)
						.readTimeout((int) store.readTimeout().toMillis(), TimeUnit.MILLISECONDS));
	}

	@Bean
	StoreHealthIndicator storeHealthIndicator(MongoTemplate mongo, StoreDescription description) {
		return new StoreHealthIndicator(mongo, description);
	}

	@Bean
	InfoContributor storeInfoContributor(StoreDescription description) {
		return (builder) -> builder.withDetail("store", description.asInfo());
	}

}
