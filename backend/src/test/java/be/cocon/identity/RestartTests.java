package be.cocon.identity;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

import be.cocon.CoconApplication;
import be.cocon.support.HttpTestClient;
import be.cocon.support.PkceSignIn;

import static be.cocon.support.HttpTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/** Signing keys and authorizations live in the store: a restart logs nobody out. */
class RestartTests {

	@TempDir
	Path dataDir;

	@Test
	void accessAndRefreshTokensKeepWorkingAfterARestart() throws Exception {
		int port = TestSocketUtils.findAvailableTcpPort();
		String access;
		String refresh;
		try (ConfigurableApplicationContext first = start(port)) {
			var tokens = new PkceSignIn(port).tokens("demo-client", "cocon-demo-2026");
			access = tokens.get("access_token").asString();
			refresh = tokens.get("refresh_token").asString();
		}

		try (ConfigurableApplicationContext second = start(port)) {
			HttpTestClient http = new HttpTestClient(port);
			assertThat(http.get("/api/me", "Authorization", bearer(access)).status()).isEqualTo(200);
			var refreshed = new PkceSignIn(port).refresh(refresh);
			assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
		}
	}

	private ConfigurableApplicationContext start(int port) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(CoconApplication.class);
		builder.initializers(
				(context) -> TestPropertyValues.of("server.port=" + port, "cocon.store.data-dir=" + this.dataDir)
					.applyTo(context));
		return builder.run();
	}

}
