package be.cocon.platform.store;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same store contract against a real MongoDB; skipped where Docker is not available.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Testcontainers(disabledWithoutDocker = true)
class MongoContainerStoreTests extends StoreContractTests {

	@Container
	@ServiceConnection
	static MongoDBContainer mongo = new MongoDBContainer("mongo:8");

	@Autowired
	StoreDescription store;

	@Autowired
	ObjectProvider<EmbeddedMongoServer> embedded;

	@Test
	void usesTheRealMongoDbAndStartsNothingEmbedded() {
		assertThat(this.store.kind()).isEqualTo("mongodb");
		assertThat(this.embedded.getIfAvailable()).isNull();
	}

}
