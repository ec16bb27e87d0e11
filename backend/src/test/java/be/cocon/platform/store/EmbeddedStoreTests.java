package be.cocon.platform.store;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class EmbeddedStoreTests extends StoreContractTests {

	@Autowired
	StoreDescription store;

	@Test
	void usesTheEmbeddedServerWhenNoUriIsConfigured() {
		assertThat(this.store.kind()).isEqualTo("embedded");
		assertThat(this.store.location()).endsWith(StoreSettings.DATA_FILE);
	}

}
