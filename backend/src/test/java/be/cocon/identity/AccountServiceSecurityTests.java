package be.cocon.identity;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.test.context.support.WithMockUser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Method security on the service itself, so an admin operation or a caseload read is
 * refused even when a controller forgets its own check.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class AccountServiceSecurityTests {

	@Autowired
	AccountService accounts;

	@Test
	void adminOperationsWithoutAnAuthenticationAreRefused() {
		assertThatExceptionOfType(AuthenticationCredentialsNotFoundException.class)
			.isThrownBy(() -> this.accounts.create(staff("t-unauth")));
		assertThatExceptionOfType(AuthenticationCredentialsNotFoundException.class)
			.isThrownBy(() -> this.accounts.list(null, null));
		assertThatExceptionOfType(AuthenticationCredentialsNotFoundException.class)
			.isThrownBy(() -> this.accounts.caseloadOf(new UserId("someone")));
	}

	@Test
	@WithMockUser(roles = "THERAPIST")
	void adminOperationsWithoutTheAdminRoleAreRefused() {
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.accounts.create(staff("t-therapist")));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.accounts.setDisabled("someone", true));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.accounts.assign("client", "therapist", "admin"));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.accounts.unassign("client", "admin"));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> this.accounts.history("client"));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> this.accounts.list(null, null));
	}

	@Test
	@WithMockUser(username = "therapist-a", roles = "THERAPIST")
	void aTherapistReadsOnlyTheirOwnCaseload() {
		assertThat(this.accounts.caseloadOf(new UserId("therapist-a"))).isEmpty();
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.accounts.caseloadOf(new UserId("therapist-b")));
	}

	@Test
	@WithMockUser(username = "admin-a", roles = "ADMIN")
	void anAdminMayCreateAccountsButReadsNoCaseload() {
		assertThat(this.accounts.create(staff("t-admin-made-" + System.nanoTime())).roles())
			.containsExactly(Role.MODERATOR);
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.accounts.caseloadOf(new UserId("admin-a")));
	}

	private static AccountService.NewAccount staff(String username) {
		return new AccountService.NewAccount(username, "Staff", "long-enough-password-1", Set.of(Role.MODERATOR), "nl",
				"Europe/Brussels", null, "test");
	}

}
