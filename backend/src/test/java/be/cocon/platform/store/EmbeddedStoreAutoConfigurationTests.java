package be.cocon.platform.store;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedStoreAutoConfigurationTests {

	@TempDir
	Path dataDir;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EmbeddedStoreAutoConfiguration.class, MongoAutoConfiguration.class,
				DataMongoAutoConfiguration.class, StoreInfoConfiguration.class));

	@Test
	void startsTheEmbeddedServerWithoutAUri() {
		this.runner.withPropertyValues("cocon.store.data-dir=" + this.dataDir).run((context) -> {
			assertThat(context).hasSingleBean(EmbeddedMongoServer.class);
			assertThat(context.getBean(MongoConnectionDetails.class).getConnectionString().getConnectionString())
				.startsWith("mongodb://127.0.0.1:")
				.endsWith("/cocon");
			assertThat(this.dataDir.resolve(StoreSettings.DATA_FILE)).exists();
		});
	}

	@Test
	void refusesToListenOnAnAddressOtherThanLoopback() {
		this.runner.withPropertyValues("cocon.store.data-dir=" + this.dataDir, "cocon.store.bind-address=0.0.0.0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("cocon.store.bind-address must be a loopback address"));
	}

	@Test
	void listensOnTheIpv6LoopbackWhenAskedTo() {
		this.runner.withPropertyValues("cocon.store.data-dir=" + this.dataDir, "cocon.store.bind-address=::1")
			.run((context) -> assertThat(context).hasSingleBean(EmbeddedMongoServer.class));
	}

	@Test
	void startsNothingEmbeddedWhenAUriIsSet() {
		this.runner.withPropertyValues("spring.mongodb.uri=mongodb://db.example:27017/cocon").run((context) -> {
			assertThat(context).doesNotHaveBean(EmbeddedMongoServer.class);
			StoreDescription store = context.getBean(StoreDescription.class);
			assertThat(store.kind()).isEqualTo("mongodb");
			assertThat(store.location()).isEqualTo("db.example:27017");
			assertThat(store.database()).isEqualTo("cocon");
		});
	}

	@Test
	void startsNothingEmbeddedWhenAHostIsSet() {
		this.runner.withPropertyValues("spring.mongodb.host=db.example")
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedMongoServer.class));
	}

}
