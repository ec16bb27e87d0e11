package be.cocon.identity;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.stereotype.Component;

import be.cocon.platform.ApiProblem;
import be.cocon.privacy.ClientAccounts;

/**
 * What the privacy module needs from the accounts: the password check before an erasure
 * (counted by the sign-in throttle, so it cannot be used to guess a password faster than
 * the sign-in form), and suspending an account, which is what disabling does: every token
 * already issued is refused from the next request on ({@link AccountStatusCheck}), and
 * the account's refresh tokens are deleted.
 */
@Component
class PrivacyAccounts implements ClientAccounts {

	private final Users users;

	private final PasswordEncoder passwords;

	private final LoginThrottle throttle;

	private final ObjectProvider<OAuth2AuthorizationService> authorizations;

	private final Clock clock;

	PrivacyAccounts(Users users, PasswordEncoder passwords, LoginThrottle throttle,
			ObjectProvider<OAuth2AuthorizationService> authorizations, Clock clock) {
		this.users = users;
		this.passwords = passwords;
		this.throttle = throttle;
		this.authorizations = authorizations;
		this.clock = clock;
	}

	@Override
	public Optional<Holder> find(String accountId) {
		return this.users.findById(accountId)
			.map((user) -> new Holder(user.username(), user.pseudonym(), user.locale(), user.timezone()));
	}

	@Override
	public void confirmPassword(String accountId, @Nullable String password, String address) {
		UserDocument user = this.users.findById(accountId)
			.orElseThrow(() -> ApiProblem.notFound("account.not-found", "There is no such account."));
		String hash = user.passwordHash();
		if (hash == null) {
			throw ApiProblem.conflict("erasure.no-password",
					"This account signs in elsewhere; ask the organisation that runs that sign-in to erase it.");
		}
		try {
			this.throttle.checkAllowed(user.username(), address);
		}
		catch (LockedException ex) {
			throw ApiProblem.tooManyRequests("auth.locked", ex.getMessage());
		}
		if (password == null || !this.passwords.matches(password, hash)) {
			this.throttle.recordFailure(user.username(), address);
			throw ApiProblem.badRequest("password.wrong", "This is not your password.")
				.withFieldError("password", "password.wrong");
		}
		this.throttle.recordSuccess(user.username());
	}

	@Override
	public void suspend(String accountId) {
		this.users.findById(accountId)
			.filter((user) -> user.disabledAt() == null)
			.ifPresent((user) -> this.users.setDisabledAt(user.id(), this.clock.instant()));
		if (this.authorizations.getIfAvailable() instanceof MongoAuthorizationService stored) {
			stored.removeAllOf(accountId);
		}
	}

	@Override
	public Map<String, String> pseudonymsOf(Collection<String> accountIds) {
		return this.users.findAllById(accountIds)
			.stream()
			.collect(Collectors.toMap(UserDocument::id, UserDocument::pseudonym));
	}

}
