package be.cocon.identity;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import be.cocon.privacy.AuditActors;

/** Tells the privacy module the pseudonyms of the staff members in an audit log. */
@Component
class AuditActorNames implements AuditActors {

	private final Accounts accounts;

	AuditActorNames(Accounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public Map<String, String> pseudonyms(Collection<String> accountIds) {
		if (accountIds.isEmpty()) {
			return Map.of();
		}
		return this.accounts.findAll(accountIds.stream().distinct().map(UserId::new).toList())
			.stream()
			.collect(Collectors.toMap((account) -> account.id().value(), Account::pseudonym));
	}

}
