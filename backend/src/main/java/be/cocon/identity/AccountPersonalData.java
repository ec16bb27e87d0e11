package be.cocon.identity;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.stereotype.Component;

import be.cocon.privacy.ErasedClient;
import be.cocon.privacy.PersonalData;

/**
 * The account's part of a client's data: profile, what they agreed to at sign-up, their
 * therapists over time; at erasure the account, its username, its sign-ins (so refresh
 * tokens die with it), its sign-in throttling and its place in caseloads are deleted.
 * Last of all modules: the others may still read the account while they erase.
 */
@Component
@Order(AccountPersonalData.ORDER)
class AccountPersonalData implements PersonalData {

	static final int ORDER = 2000;

	private final Users users;

	private final Caseloads caseloads;

	private final LoginThrottle throttle;

	private final ObjectProvider<OAuth2AuthorizationService> authorizations;

	AccountPersonalData(Users users, Caseloads caseloads, LoginThrottle throttle,
			ObjectProvider<OAuth2AuthorizationService> authorizations) {
		this.users = users;
		this.caseloads = caseloads;
		this.throttle = throttle;
		this.authorizations = authorizations;
	}

	@Override
	public String section() {
		return "account";
	}

	@Override
	public Set<String> collections() {
		return Set.of(UserDocument.COLLECTION, Users.USERNAMES, Caseloads.COLLECTION, LoginThrottle.COLLECTION,
				MongoAuthorizationService.COLLECTION, MongoAuthorizationService.LOOKUP);
	}

	@Override
	public Object export(String clientId) {
		UserDocument user = this.users.findById(clientId).orElse(null);
		if (user == null) {
			return Map.of();
		}
		Set<String> therapistIds = new LinkedHashSet<>();
		user.assignments().forEach((assignment) -> therapistIds.add(assignment.therapistId()));
		Map<String, String> therapists = this.users.findAllById(therapistIds)
			.stream()
			.collect(Collectors.toMap(UserDocument::id, UserDocument::pseudonym));
		return new AccountExport(
				new Profile(user.id(), user.username(), user.pseudonym(),
						user.roles().stream().map(Role::name).sorted().toList(), user.locale(), user.timezone(),
						user.createdAt(), user.origin()),
				new Consents(user.minimumAgeConfirmedAt(), user.confirmedMinimumAge(), user.houseRulesVersion(),
						user.houseRulesAcceptedAt()),
				user.assignments()
					.stream()
					.map((assignment) -> new Therapist(therapists.get(assignment.therapistId()), assignment.startedAt(),
							assignment.endedAt()))
					.toList());
	}

	@Override
	public void erase(ErasedClient client) {
		String clientId = client.clientId();
		if (this.authorizations.getIfAvailable() instanceof MongoAuthorizationService stored) {
			stored.removeAllOf(clientId);
		}
		this.throttle.recordSuccess(client.username());
		this.caseloads.removeEverywhere(clientId);
		this.users.delete(clientId, client.username());
	}

	/**
	 * @param profile who the client is here
	 * @param consents what they confirmed and accepted at sign-up
	 * @param therapists their therapists over time, oldest first
	 */
	record AccountExport(Profile profile, Consents consents, List<Therapist> therapists) {
	}

	record Profile(String id, String username, String pseudonym, List<String> roles, String language, String timezone,
			Instant createdAt, String origin) {
	}

	record Consents(@Nullable Instant minimumAgeConfirmedAt, @Nullable Integer confirmedMinimumAge,
			@Nullable String houseRulesVersion, @Nullable Instant houseRulesAcceptedAt) {
	}

	/**
	 * @param therapist their pseudonym, or null when that account no longer exists
	 * @param startedAt start
	 * @param endedAt end, or null while it lasts
	 */
	record Therapist(@Nullable String therapist, Instant startedAt, @Nullable Instant endedAt) {
	}

}
