package be.cocon.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.stereotype.Service;

import be.cocon.platform.ApiProblem;

/**
 * A client's rights over their data: a copy of everything (export) and erasure. Both go
 * through every {@link PersonalData} implementation; this class knows no module's store.
 */
@Service
class ClientRights {

	private static final Logger log = LoggerFactory.getLogger(ClientRights.class);

	/** The order of the export's sections; sections not named here follow. */
	private static final List<String> SECTION_ORDER = List.of("account", "conversations", "programmes", "checkins",
			"nudges", "escalations", "audit");

	private final List<PersonalData> parts;

	private final ClientAccounts accounts;

	private final AuditLog audit;

	private final PendingErasures pending;

	private final Clock clock;

	ClientRights(ObjectProvider<PersonalData> parts, ClientAccounts accounts, AuditLog audit, PendingErasures pending,
			Clock clock) {
		// in erasure order: modules without an @Order first (0), the accounts last
		this.parts = parts.stream()
			.sorted(Comparator
				.comparingInt((PersonalData part) -> OrderUtils.getOrder(AopUtils.getTargetClass(part), 0)))
			.toList();
		this.accounts = accounts;
		this.audit = audit;
		this.pending = pending;
		this.clock = clock;
	}

	List<PersonalData> parts() {
		return this.parts;
	}

	/** Everything kept about the client; the export is audited before it is returned. */
	ClientExport export(String clientId, String format) {
		ClientAccounts.Holder holder = holder(clientId);
		List<PersonalData> ordered = new ArrayList<>(this.parts);
		ordered.sort(Comparator.comparingInt(ClientRights::position));
		Map<String, Object> sections = new LinkedHashMap<>();
		ordered.forEach((part) -> sections.put(part.section(), part.export(clientId)));
		this.audit.record(clientId, "privacy.export", clientId, Map.of("format", format));
		return new ClientExport(this.clock.instant(), holder.pseudonym(), holder.language(), holder.timezone(),
				sections);
	}

	/**
	 * Erases the client after checking their password: every module deletes or anonymises
	 * its part, the account last. From the moment the checks pass the account is
	 * suspended, so every token stops working at once; an erasure that stops halfway is
	 * finished by {@link ErasureResumption}.
	 */
	void erase(String clientId, @Nullable String password, String address) {
		ClientAccounts.Holder holder = holder(clientId);
		this.accounts.confirmPassword(clientId, password, address);
		this.parts.forEach((part) -> part.checkErasable(clientId));
		ErasedClient erased = this.pending.start(clientId, holder.username(), holder.pseudonym(), this.clock.instant());
		this.accounts.suspend(clientId);
		complete(erased);
	}

	/** Runs (or runs again) every module's erasure, then forgets the pending record. */
	void complete(ErasedClient erased) {
		for (PersonalData part : this.parts) {
			part.erase(erased);
		}
		this.audit.record(erased.replacementId(), "privacy.erasure", erased.replacementId(), Map.of());
		this.pending.finish(erased.clientId());
		log.info("Privacy: an account was erased (now {})", erased.replacementId());
	}

	/**
	 * Finishes the erasures that stopped halfway before this moment; returns how many.
	 */
	int resume(Instant startedBefore) {
		int finished = 0;
		for (ErasedClient erased : this.pending.startedBefore(startedBefore)) {
			this.accounts.suspend(erased.clientId());
			complete(erased);
			finished++;
		}
		return finished;
	}

	private ClientAccounts.Holder holder(String clientId) {
		return this.accounts.find(clientId)
			.orElseThrow(() -> ApiProblem.notFound("account.not-found", "There is no such account."));
	}

	private static int position(PersonalData part) {
		int index = SECTION_ORDER.indexOf(part.section());
		return (index >= 0) ? index : SECTION_ORDER.size();
	}

	/**
	 * A client's export.
	 *
	 * @param exportedAt when it was made
	 * @param pseudonym the client's pseudonym
	 * @param language the client's language
	 * @param timezone the client's time zone
	 * @param sections per module, its part
	 */
	record ClientExport(Instant exportedAt, String pseudonym, String language, String timezone,
			Map<String, Object> sections) {
	}

}
