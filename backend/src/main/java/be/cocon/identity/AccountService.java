package be.cocon.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import be.cocon.platform.ApiProblem;

/** Creating, finding, disabling and assigning accounts. */
@Service
class AccountService implements Accounts {

	static final String DEFAULT_LOCALE = "nl";

	static final String DEFAULT_TIMEZONE = "Europe/Brussels";

	private static final int ASSIGN_ATTEMPTS = 5;

	private final Users users;

	private final Caseloads caseloads;

	private final PasswordEncoder passwords;

	private final PasswordPolicy policy;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final int minimumAge;

	AccountService(Users users, Caseloads caseloads, PasswordEncoder passwords, PasswordPolicy policy,
			ApplicationEventPublisher events, Clock clock, IdentitySettings settings) {
		this.minimumAge = settings.minimumAge();
		this.users = users;
		this.caseloads = caseloads;
		this.passwords = passwords;
		this.policy = policy;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public Optional<Account> findById(UserId id) {
		return this.users.findById(id.value()).map(UserDocument::toAccount);
	}

	@Override
	public List<Account> findAll(Collection<UserId> ids) {
		return this.users.findAllById(ids.stream().map(UserId::value).toList())
			.stream()
			.map(UserDocument::toAccount)
			.toList();
	}

	/** Only the therapist themself reads their caseload. */
	@Override
	@PreAuthorize("hasRole('THERAPIST') and #therapistId.value() == authentication.name")
	public List<Account> caseloadOf(UserId therapistId) {
		return clientsOf(therapistId).stream().map(UserDocument::toAccount).toList();
	}

	/** The caseload as stored documents (with the assignment history), in one read. */
	@PreAuthorize("hasRole('THERAPIST') and #therapistId.value() == authentication.name")
	List<UserDocument> caseloadDocumentsOf(UserId therapistId) {
		return clientsOf(therapistId);
	}

	private List<UserDocument> clientsOf(UserId therapistId) {
		return this.users.findAllById(this.caseloads.clientIdsOf(therapistId.value()))
			.stream()
			.filter((client) -> therapistId.value().equals(client.therapistId()))
			.toList();
	}

	UserDocument findDocument(String id) {
		return this.users.findById(id)
			.orElseThrow(() -> ApiProblem.notFound("account.not-found", "There is no account with id " + id + "."));
	}

	/**
	 * A new account of any kind, made by an admin (or the system at startup); the caller
	 * has validated the fields other than the password.
	 */
	@PreAuthorize("hasRole('ADMIN')")
	UserDocument create(NewAccount account) {
		return insert(account);
	}

	/** A young client's own sign-up: the one way to an account without a role. */
	UserDocument signUp(NewAccount account) {
		if (!account.roles().equals(Set.of(Role.CLIENT))) {
			throw new IllegalArgumentException("Sign-up makes client accounts only");
		}
		return insert(account);
	}

	/**
	 * Checks what only the store and the password policy can: the password, and that the
	 * username is free (a race can still lose it at {@link #signUp}).
	 */
	void validate(NewAccount account) {
		this.policy.violation(account.password(), account.username()).ifPresent((code) -> {
			throw ApiProblem.badRequest(code, "This password is not allowed (" + code + ").")
				.withFieldError("password", code);
		});
		if (this.users.findByUsername(account.username()).isPresent()) {
			throw usernameTaken(new UsernameTakenException(account.username().trim()));
		}
	}

	private UserDocument insert(NewAccount account) {
		this.policy.violation(account.password(), account.username()).ifPresent((code) -> {
			throw ApiProblem.badRequest(code, "This password is not allowed (" + code + ").")
				.withFieldError("password", code);
		});
		Instant now = this.clock.instant();
		boolean client = account.roles().contains(Role.CLIENT);
		UserDocument user = new UserDocument(UserId.random().value(), account.username().trim(),
				UserDocument.keyOf(account.username()), account.pseudonym().trim(),
				this.passwords.encode(account.password()), account.roles(), account.locale(), account.timezone(), now,
				null, client ? account.houseRulesVersion() : null, client ? now : null, client ? now : null,
				client ? this.minimumAge : null, null, List.of(), account.origin(), 0);
		try {
			return this.users.insert(user);
		}
		catch (UsernameTakenException ex) {
			throw usernameTaken(ex);
		}
	}

	private static ApiProblem usernameTaken(UsernameTakenException ex) {
		return ApiProblem.conflict("username.taken", ex.getMessage()).withFieldError("username", "username.taken");
	}

	@PreAuthorize("hasRole('ADMIN')")
	Account setDisabled(String id, boolean disabled) {
		UserDocument user = findDocument(id);
		this.users.setDisabledAt(user.id(), disabled ? this.clock.instant() : null);
		return findDocument(id).toAccount();
	}

	@PreAuthorize("hasRole('ADMIN')")
	Account assign(String clientId, String therapistId, String adminId) {
		UserDocument therapist = findDocument(therapistId);
		if (!therapist.roles().contains(Role.THERAPIST) || therapist.disabledAt() != null) {
			throw ApiProblem.badRequest("assignment.not-a-therapist",
					"Account " + therapistId + " is not an active therapist.");
		}
		for (int attempt = 0; attempt < ASSIGN_ATTEMPTS; attempt++) {
			UserDocument client = requireClient(clientId);
			if (therapistId.equals(client.therapistId())) {
				// repairs an assignment whose caseload write was lost in a crash
				this.caseloads.add(therapistId, clientId);
				return client.toAccount();
			}
			Instant now = this.clock.instant();
			List<UserDocument.Assignment> history = endActive(client.assignments(), now, adminId);
			history.add(new UserDocument.Assignment(therapistId, now, null, adminId, null));
			if (this.users.replaceAssignments(client, therapistId, history)) {
				moveInCaseloads(clientId, client.therapistId(), therapistId);
				this.events.publishEvent(new ClientAssignedToTherapist(new UserId(clientId), new UserId(therapistId),
						(client.therapistId() != null) ? new UserId(client.therapistId()) : null, now));
				return findDocument(clientId).toAccount();
			}
		}
		throw ApiProblem.conflict("assignment.concurrent-change",
				"The client's assignment changed at the same time; please try again.");
	}

	@PreAuthorize("hasRole('ADMIN')")
	Account unassign(String clientId, String adminId) {
		for (int attempt = 0; attempt < ASSIGN_ATTEMPTS; attempt++) {
			UserDocument client = requireClient(clientId);
			String previous = client.therapistId();
			if (previous == null) {
				return client.toAccount();
			}
			Instant now = this.clock.instant();
			if (this.users.replaceAssignments(client, null, endActive(client.assignments(), now, adminId))) {
				this.caseloads.remove(previous, clientId);
				this.events.publishEvent(new ClientUnassigned(new UserId(clientId), new UserId(previous), now));
				return findDocument(clientId).toAccount();
			}
		}
		throw ApiProblem.conflict("assignment.concurrent-change",
				"The client's assignment changed at the same time; please try again.");
	}

	@PreAuthorize("hasRole('ADMIN')")
	List<UserDocument.Assignment> history(String clientId) {
		return requireClient(clientId).assignments();
	}

	@PreAuthorize("hasRole('ADMIN')")
	List<UserDocument> list(@Nullable Role role, @Nullable String text) {
		return this.users.findAll(role, text);
	}

	void updatePreferences(String id, @Nullable String locale, @Nullable String timezone) {
		this.users.updatePreferences(id, locale, timezone);
	}

	private UserDocument requireClient(String clientId) {
		UserDocument client = findDocument(clientId);
		if (!client.roles().contains(Role.CLIENT)) {
			throw ApiProblem.badRequest("assignment.not-a-client", "Account " + clientId + " is not a client.");
		}
		return client;
	}

	private void moveInCaseloads(String clientId, @Nullable String from, String to) {
		this.caseloads.add(to, clientId);
		if (from != null) {
			this.caseloads.remove(from, clientId);
		}
	}

	private static List<UserDocument.Assignment> endActive(List<UserDocument.Assignment> assignments, Instant now,
			String adminId) {
		List<UserDocument.Assignment> result = new ArrayList<>();
		for (UserDocument.Assignment assignment : assignments) {
			result.add((assignment.endedAt() == null) ? new UserDocument.Assignment(assignment.therapistId(),
					assignment.startedAt(), now, assignment.assignedBy(), adminId) : assignment);
		}
		return result;
	}

	/**
	 * What is needed to create an account.
	 *
	 * @param username sign-in name
	 * @param pseudonym display name
	 * @param password plain password, checked against the policy
	 * @param roles roles
	 * @param locale language
	 * @param timezone time zone
	 * @param houseRulesVersion accepted house rules (clients)
	 * @param origin how it was made: signup, admin, demo, bootstrap
	 */
	record NewAccount(String username, String pseudonym, String password, Set<Role> roles, String locale,
			String timezone, @Nullable String houseRulesVersion, String origin) {
	}

}
