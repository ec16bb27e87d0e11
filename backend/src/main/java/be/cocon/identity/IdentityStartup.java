package be.cocon.identity;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import be.cocon.platform.StoreInfo;

/**
 * Before the app takes requests: creates the identity collections' indexes, seeds the
 * demo accounts when asked (by default only on the embedded store), and makes sure an
 * admin exists.
 */
@Component
class IdentityStartup implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(IdentityStartup.class);

	private final Users users;

	private final AccountService accounts;

	private final IdentitySettings settings;

	private final StoreInfo store;

	IdentityStartup(Users users, AccountService accounts, IdentitySettings settings, StoreInfo store) {
		this.users = users;
		this.accounts = accounts;
		this.settings = settings;
		this.store = store;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.users.createIndexes();
		// nobody is signed in at startup: the work runs as the system (an admin)
		if (seedsDemoAccounts(this.settings.demo().enabled(), this.store.isEmbedded())) {
			SystemAuthentication.run(this::seedDemoAccounts);
		}
		if (!this.settings.external().enabled() && !this.users.anyWithRole(Role.ADMIN)) {
			SystemAuthentication.run(this::bootstrapAdmin);
		}
	}

	/**
	 * Demo accounts with their well-known password: when asked for, else only on the
	 * embedded store, never by default on a real MongoDB.
	 */
	static boolean seedsDemoAccounts(@Nullable Boolean enabled, boolean embeddedStore) {
		return (enabled != null) ? enabled : embeddedStore;
	}

	private void seedDemoAccounts() {
		String password = this.settings.demo().password();
		List<DemoAccount> demo = List.of(new DemoAccount("demo-admin", "Beheerder An", Role.ADMIN),
				new DemoAccount("demo-therapist", "Dr. Noor Peeters", Role.THERAPIST),
				new DemoAccount("demo-moderator", "Moderator Jules", Role.MODERATOR),
				new DemoAccount("demo-client", "Robin", Role.CLIENT),
				new DemoAccount("demo-client-2", "Sam", Role.CLIENT));
		for (DemoAccount account : demo) {
			if (this.users.findByUsername(account.username()).isEmpty()) {
				this.accounts.create(new AccountService.NewAccount(account.username(), account.pseudonym(), password,
						Set.of(account.role()), AccountService.DEFAULT_LOCALE, AccountService.DEFAULT_TIMEZONE,
						this.settings.houseRulesVersion(), "demo"));
			}
		}
		assignDemoClient();
		StringBuilder banner = new StringBuilder("Demo accounts (password '").append(password).append("'):");
		demo.forEach((account) -> banner.append("\n    ")
			.append(String.format("%-15s %-10s %s", account.username(), account.role(), account.pseudonym())));
		banner.append("\n    demo-client is assigned to demo-therapist; demo-client-2 is not assigned.");
		log.info(banner.toString());
	}

	private void assignDemoClient() {
		UserDocument client = this.users.findByUsername("demo-client").orElseThrow();
		UserDocument therapist = this.users.findByUsername("demo-therapist").orElseThrow();
		UserDocument admin = this.users.findByUsername("demo-admin").orElseThrow();
		if (client.assignments().isEmpty()) {
			this.accounts.assign(client.id(), therapist.id(), admin.id());
		}
	}

	private void bootstrapAdmin() {
		IdentitySettings.BootstrapAdmin admin = this.settings.bootstrapAdmin();
		boolean generated = admin.password() == null || admin.password().isBlank();
		String password = generated ? oneTimePassword() : admin.password();
		this.accounts.create(new AccountService.NewAccount(admin.username(), "Admin", password, Set.of(Role.ADMIN),
				AccountService.DEFAULT_LOCALE, AccountService.DEFAULT_TIMEZONE, null, "bootstrap"));
		if (generated) {
			log.warn("""

					============================================================
					  First start: created admin '{}' with one-time password
					      {}
					  It is shown only now. Sign in and create named admins.
					============================================================""", admin.username(), password);
		}
		else {
			log.info("Identity: created the first admin '{}' from configuration", admin.username());
		}
	}

	private static String oneTimePassword() {
		byte[] random = new byte[18];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	private record DemoAccount(String username, String pseudonym, Role role) {
	}

}
