package be.cocon.identity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import be.cocon.privacy.AuditLog;

/** The signed-in user and, for therapists, their caseload. */
@RestController
class MeController {

	private final AccountService accounts;

	private final AuditLog audit;

	MeController(AccountService accounts, AuditLog audit) {
		this.accounts = accounts;
		this.audit = audit;
	}

	@GetMapping("/api/me")
	Me me(Authentication authentication) {
		return meOf(CurrentUser.id(authentication).value());
	}

	@PatchMapping("/api/me")
	Me update(@Valid @RequestBody Preferences preferences, Authentication authentication) {
		String id = CurrentUser.id(authentication).value();
		String timezone = (preferences.timezone() != null) ? AuthController.timezoneOf(preferences.timezone()) : null;
		this.accounts.updatePreferences(id, preferences.locale(), timezone);
		return meOf(id);
	}

	@GetMapping("/api/caseload")
	@PreAuthorize("hasRole('THERAPIST')")
	List<CaseloadEntry> caseload(Authentication authentication) {
		UserId therapist = CurrentUser.id(authentication);
		List<UserDocument> clients = this.accounts.caseloadDocumentsOf(therapist);
		this.audit.recordEach(therapist.value(), "caseload.view", clients.stream().map(UserDocument::id).toList(),
				Map.of());
		return clients.stream().map((client) -> {
			Instant since = client.assignments()
				.stream()
				.filter((assignment) -> assignment.endedAt() == null)
				.map(UserDocument.Assignment::startedAt)
				.findFirst()
				.orElse(client.createdAt());
			return new CaseloadEntry(client.id(), client.username(), client.pseudonym(), since);
		}).toList();
	}

	private Me meOf(String id) {
		Account account = this.accounts.findDocument(id).toAccount();
		Person therapist = null;
		if (account.therapistId() != null) {
			therapist = this.accounts.findById(account.therapistId())
				.map((found) -> new Person(found.id().value(), found.pseudonym()))
				.orElse(null);
		}
		return new Me(account.id().value(), account.username(), account.pseudonym(),
				account.roles().stream().map(Role::name).sorted().toList(), account.locale(), account.timezone(),
				account.createdAt(), therapist);
	}

	record Me(String id, String username, String pseudonym, List<String> roles, String locale, String timezone,
			Instant createdAt, @Nullable Person therapist) {
	}

	record Person(String id, String pseudonym) {
	}

	record CaseloadEntry(String id, String username, String pseudonym, Instant assignedAt) {
	}

	/**
	 * @param locale {@code nl} or {@code en}
	 * @param timezone IANA time zone
	 */
	record Preferences(@Nullable @Pattern(regexp = "nl|en", message = "locale.invalid") String locale,
			@Nullable @Size(max = 64, message = "timezone.invalid") String timezone) {
	}

}
