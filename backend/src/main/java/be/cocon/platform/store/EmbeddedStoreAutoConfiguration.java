package be.cocon.platform.store;

import com.mongodb.ConnectionString;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Starts the embedded store before the MongoDB client connects, and points the client at
 * it. Backs off when a real MongoDB is configured or when something else (such as a
 * Testcontainers service connection) already supplies the connection details.
 */
@AutoConfiguration(before = MongoAutoConfiguration.class)
@Conditional(EmbeddedStoreCondition.class)
@ConditionalOnMissingBean(MongoConnectionDetails.class)
@EnableConfigurationProperties(StoreSettings.class)
class EmbeddedStoreAutoConfiguration {

	@Bean
	EmbeddedMongoServer embeddedMongoServer(StoreSettings settings) {
		return new EmbeddedMongoServer(settings);
	}

	@Bean
	MongoConnectionDetails embeddedMongoConnectionDetails(EmbeddedMongoServer server, StoreSettings settings) {
		ConnectionString connectionString = new ConnectionString(server.connectionString(settings.database()));
		return () -> connectionString;
	}

	@Bean
	GroupCommit embeddedStoreDurability(EmbeddedMongoServer server) {
		return new GroupCommit(server::commit);
	}

	@Bean
	StoreDescription embeddedStoreDescription(EmbeddedMongoServer server) {
		return StoreDescription.embedded(server.dataFile());
	}

}
