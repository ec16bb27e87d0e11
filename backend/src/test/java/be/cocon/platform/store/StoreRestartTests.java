package be.cocon.platform.store;

import java.nio.file.Path;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import be.cocon.CoconApplication;

import static org.assertj.core.api.Assertions.assertThat;

class StoreRestartTests {

	@TempDir
	Path dataDir;

	@Test
	void dataWrittenBeforeARestartIsReadAfterIt() {
		try (ConfigurableApplicationContext first = start()) {
			first.getBean(MongoTemplate.class)
				.insert(new Document("_id", "kept").append("body", "tot morgen"), "restart");
		}

		try (ConfigurableApplicationContext second = start()) {
			Document found = second.getBean(MongoTemplate.class).findById("kept", Document.class, "restart");
			assertThat(found).isNotNull();
			assertThat(found.getString("body")).isEqualTo("tot morgen");
		}
	}

	@Test
	void resetOnStartBeginsWithAnEmptyStore() {
		try (ConfigurableApplicationContext first = start()) {
			first.getBean(MongoTemplate.class).insert(new Document("_id", "gone"), "restart");
		}

		try (ConfigurableApplicationContext second = start("--cocon.store.reset-on-start=true")) {
			assertThat(second.getBean(MongoTemplate.class).findById("gone", Document.class, "restart")).isNull();
		}
	}

	private ConfigurableApplicationContext start(String... extraArgs) {
		String[] args = new String[extraArgs.length + 1];
		args[0] = "--cocon.store.data-dir=" + this.dataDir;
		System.arraycopy(extraArgs, 0, args, 1, extraArgs.length);
		return new SpringApplicationBuilder(CoconApplication.class).web(WebApplicationType.NONE).run(args);
	}

}
