package be.cocon.identity;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

import be.cocon.CoconApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the app does at first start on an empty store: the first admin, and demo accounts
 * only where they belong.
 */
@ExtendWith(OutputCaptureExtension.class)
class IdentityStartupTests {

	private static final Pattern ONE_TIME = Pattern.compile("one-time password\\s+(\\S+)");

	@TempDir
	Path dataDir;

	@Test
	void firstStartPrintsAOneTimePasswordForTheFirstAdminOnce(CapturedOutput output) {
		String password;
		try (ConfigurableApplicationContext app = start()) {
			Matcher printed = ONE_TIME.matcher(output.getOut());
			assertThat(printed.find()).as("one-time password printed").isTrue();
			password = printed.group(1);
			assertThat(passwordMatches(app, "admin", password)).isTrue();
		}

		try (ConfigurableApplicationContext again = start()) {
			Matcher printed = ONE_TIME.matcher(output.getOut());
			assertThat(printed.find()).isTrue();
			assertThat(printed.find()).as("printed only at the first start").isFalse();
		}
	}

	@Test
	void firstAdminComesFromConfigurationWhenAPasswordIsGiven(CapturedOutput output) {
		try (ConfigurableApplicationContext app = start("cocon.identity.bootstrap-admin.username=chief",
				"cocon.identity.bootstrap-admin.password=a-configured-admin-pass")) {
			assertThat(passwordMatches(app, "chief", "a-configured-admin-pass")).isTrue();
			assertThat(app.getBean(Users.class).findByUsername("chief").orElseThrow().roles())
				.containsExactly(Role.ADMIN);
			assertThat(output.getOut()).doesNotContain("one-time password")
				.contains("created the first admin 'chief' from configuration");
		}
	}

	@Test
	void demoAccountsAreSeededOnlyOnTheEmbeddedStoreUnlessAskedFor() {
		assertThat(IdentityStartup.seedsDemoAccounts(null, true)).isTrue();
		assertThat(IdentityStartup.seedsDemoAccounts(null, false)).as("real MongoDB URI").isFalse();
		assertThat(IdentityStartup.seedsDemoAccounts(true, false)).as("asked for on a real MongoDB").isTrue();
		assertThat(IdentityStartup.seedsDemoAccounts(false, true)).isFalse();
	}

	private boolean passwordMatches(ConfigurableApplicationContext app, String username, String password) {
		UserDocument admin = app.getBean(Users.class).findByUsername(username).orElseThrow();
		return admin.roles().contains(Role.ADMIN)
				&& app.getBean(PasswordEncoder.class).matches(password, admin.passwordHash());
	}

	private ConfigurableApplicationContext start(String... properties) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(CoconApplication.class)
			.web(WebApplicationType.NONE);
		builder.initializers((context) -> TestPropertyValues
			.of("cocon.store.data-dir=" + this.dataDir, "cocon.identity.demo.enabled=false")
			.and(properties)
			.applyTo(context));
		return builder.run();
	}

}
