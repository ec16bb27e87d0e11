package be.cocon.safety;

import java.time.Clock;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import be.cocon.identity.Accounts;
import be.cocon.identity.CurrentUser;
import be.cocon.identity.UserId;
import be.cocon.platform.ApiProblem;
import be.cocon.safety.EscalationDocument.Signal;
import be.cocon.safety.EscalationDocument.Source;
import be.cocon.safety.EscalationViews.HelpResponse;

/** Crisis lines for anyone, and the client's "I need help now" button. */
@RestController
class CrisisController {

	private final CrisisResources crisis;

	private final EscalationService escalations;

	private final Accounts accounts;

	private final Clock clock;

	CrisisController(CrisisResources crisis, EscalationService escalations, Accounts accounts, Clock clock) {
		this.crisis = crisis;
		this.escalations = escalations;
		this.accounts = accounts;
		this.clock = clock;
	}

	/**
	 * The crisis card; without parameters, for the signed-in user's country and language
	 * (Belgium and Dutch when not signed in).
	 */
	@GetMapping("/api/crisis-resources")
	CrisisCard resources(@RequestParam(required = false) @Nullable String country,
			@RequestParam(required = false) @Nullable String lang, @Nullable Authentication authentication) {
		if (country != null && !this.crisis.countries().contains(country)) {
			throw ApiProblem
				.badRequest("crisis.unknown-country", "Crisis lines are known for " + this.crisis.countries() + ".")
				.withFieldError("country", "One of " + this.crisis.countries());
		}
		if (lang != null && !CrisisResources.LANGUAGES.contains(lang)) {
			throw ApiProblem.badRequest("crisis.unknown-language", "Languages: nl, en.")
				.withFieldError("lang", "One of nl, en");
		}
		var account = (authentication != null && !(authentication instanceof AnonymousAuthenticationToken))
				? this.accounts.findById(CurrentUser.id(authentication)).orElse(null) : null;
		String resolvedCountry = (country != null) ? country
				: this.crisis.countryOf((account != null) ? account.timezone() : null);
		String language = (lang != null) ? lang : ((account != null) ? account.locale() : "nl");
		return this.crisis.card(resolvedCountry, language, null);
	}

	@PostMapping("/api/help")
	HelpResponse help(@RequestBody(required = false) @Nullable HelpRequest request, Authentication authentication) {
		UserId me = CurrentUser.id(authentication);
		String text = EscalationService.optional((request != null) ? request.text() : null, "text");
		String said = (text != null) ? text : "(pressed the help button)";
		Signal signal = Signal.plain(Source.HELP_BUTTON, null, Severity.HIGH, said, null, this.clock.instant(),
				me.value());
		EscalationService.Raised raised = this.escalations.signal(me.value(), signal,
				this.escalations.therapyConversationOf(me.value()));
		return new HelpResponse(raised.escalation().id(), raised.escalation().status(), raised.card());
	}

	record HelpRequest(@Nullable String text) {
	}

}
