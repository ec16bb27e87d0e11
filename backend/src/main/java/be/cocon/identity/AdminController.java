package be.cocon.identity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import be.cocon.platform.ApiProblem;

/**
 * Account administration and caseload assignment (ADMIN only, enforced on /api/admin/**).
 */
@RestController
@RequestMapping("/api/admin")
@Validated
@PreAuthorize("hasRole('ADMIN')")
class AdminController {

	private final AccountService accounts;

	private final AdminAudit audit;

	AdminController(AccountService accounts, AdminAudit audit) {
		this.accounts = accounts;
		this.audit = audit;
	}

	@GetMapping("/accounts")
	AccountPage list(@RequestParam(required = false) @Nullable Role role,
			@RequestParam(required = false) @Nullable @Size(max = 64) String q,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, Authentication authentication) {
		List<UserDocument> all = this.accounts.list(role, q);
		// in long: a page number near the int maximum would overflow into a negative
		// index
		int from = (int) Math.min((long) page * size, all.size());
		int to = Math.min(from + size, all.size());
		List<UserDocument> shown = all.subList(from, to);
		this.audit.listed(CurrentUser.id(authentication).value(), shown);
		return new AccountPage(shown.stream().map(AccountView::of).toList(), page, size, all.size());
	}

	@PostMapping("/accounts")
	@ResponseStatus(HttpStatus.CREATED)
	AccountView create(@Valid @RequestBody NewStaffAccount request) {
		if (request.role() == Role.CLIENT) {
			throw ApiProblem.badRequest("role.invalid", "Clients sign up themselves.")
				.withFieldError("role", "role.invalid");
		}
		return AccountView.of(this.accounts.create(new AccountService.NewAccount(request.username(),
				request.pseudonym(), request.password(), Set.of(request.role()),
				AuthController.localeOf(request.locale()), AccountService.DEFAULT_TIMEZONE, null, "admin")));
	}

	@PostMapping("/accounts/{id}/disable")
	AccountView disable(@PathVariable String id, Authentication authentication) {
		if (id.equals(CurrentUser.id(authentication).value())) {
			throw ApiProblem.badRequest("account.cannot-disable-self", "You cannot disable your own account.");
		}
		this.accounts.setDisabled(id, true);
		return acted(authentication, "admin.account-disable", this.accounts.findDocument(id));
	}

	@PostMapping("/accounts/{id}/enable")
	AccountView enable(@PathVariable String id, Authentication authentication) {
		this.accounts.setDisabled(id, false);
		return acted(authentication, "admin.account-enable", this.accounts.findDocument(id));
	}

	@PutMapping("/clients/{clientId}/therapist")
	AccountView assign(@PathVariable String clientId, @Valid @RequestBody Assignment assignment,
			Authentication authentication) {
		this.accounts.assign(clientId, assignment.therapistId(), CurrentUser.id(authentication).value());
		return acted(authentication, "admin.assign", this.accounts.findDocument(clientId));
	}

	@DeleteMapping("/clients/{clientId}/therapist")
	AccountView unassign(@PathVariable String clientId, Authentication authentication) {
		this.accounts.unassign(clientId, CurrentUser.id(authentication).value());
		return acted(authentication, "admin.unassign", this.accounts.findDocument(clientId));
	}

	@GetMapping("/clients/{clientId}/assignments")
	List<AssignmentView> history(@PathVariable String clientId, Authentication authentication) {
		List<UserDocument.Assignment> history = this.accounts.history(clientId);
		this.audit.acted(CurrentUser.id(authentication).value(), "admin.assignments-view",
				this.accounts.findDocument(clientId));
		Map<UserId, Account> therapists = this.accounts
			.findAll(history.stream().map((entry) -> new UserId(entry.therapistId())).collect(Collectors.toSet()))
			.stream()
			.collect(Collectors.toMap(Account::id, Function.identity()));
		return history.stream().map((entry) -> {
			Account therapist = therapists.get(new UserId(entry.therapistId()));
			return new AssignmentView(entry.therapistId(), (therapist != null) ? therapist.pseudonym() : null,
					entry.startedAt(), entry.endedAt(), entry.assignedBy(), entry.endedBy());
		}).toList();
	}

	private AccountView acted(Authentication authentication, String action, UserDocument account) {
		this.audit.acted(CurrentUser.id(authentication).value(), action, account);
		return AccountView.of(account);
	}

	record AccountPage(List<AccountView> items, int page, int size, int total) {
	}

	record AccountView(String id, String username, String pseudonym, List<String> roles, Instant createdAt,
			@Nullable Instant disabledAt, @Nullable String therapistId, String origin) {

		static AccountView of(UserDocument user) {
			return new AccountView(user.id(), user.username(), user.pseudonym(),
					user.roles().stream().map(Role::name).sorted().toList(), user.createdAt(), user.disabledAt(),
					user.therapistId(), user.origin());
		}

	}

	record AssignmentView(String therapistId, @Nullable String therapistPseudonym, Instant startedAt,
			@Nullable Instant endedAt, String assignedBy, @Nullable String endedBy) {
	}

	record Assignment(@NotNull(message = "therapist.required") @Size(min = 1, max = 128) String therapistId) {
	}

	record NewStaffAccount(
			@NotNull(message = "username.invalid") @Pattern(regexp = AccountRules.USERNAME,
					message = "username.invalid") String username,
			@NotNull(message = "pseudonym.invalid") @Pattern(regexp = AccountRules.PSEUDONYM,
					message = "pseudonym.invalid") String pseudonym,
			@NotNull(message = "password.too-short") @Size(max = 200, message = "password.too-long") String password,
			@NotNull(message = "role.invalid") Role role, @Nullable String locale) {
	}

}
