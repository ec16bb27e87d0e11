package be.cocon.identity;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import be.cocon.platform.ApiProblem;

/**
 * What the browser app needs before anyone is signed in: how to sign in, a CSRF token,
 * and self sign-up for young clients (which signs the new client in at the authorization
 * server, so the app's sign-in redirect passes straight through).
 */
@RestController
@RequestMapping("/auth")
class AuthController {

	private final IdentitySettings settings;

	private final AccountService accounts;

	private final SignupLimiter limiter;

	private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	private final IdleSignOutSettings idle;

	AuthController(IdentitySettings settings, AccountService accounts, SignupLimiter limiter,
			IdleSignOutSettings idle) {
		this.idle = idle;
		this.settings = settings;
		this.accounts = accounts;
		this.limiter = limiter;
	}

	@GetMapping("/config")
	AuthConfig config() {
		IdentitySettings.External external = this.settings.external();
		String authority = external.enabled() ? String.valueOf(external.issuerUri()) : this.settings.issuerUrl();
		return new AuthConfig(authority, this.settings.webClient().clientId(), "openid profile", !external.enabled(),
				this.settings.minimumAge(), this.settings.houseRulesVersion(), this.settings.passwordMinLength(),
				new IdleSignOut(this.idle.client().toSeconds(), this.idle.staff().toSeconds(),
						this.idle.warning().toSeconds()));
	}

	@GetMapping("/csrf")
	CsrfTokenView csrf(CsrfToken token) {
		return new CsrfTokenView(token.getToken(), token.getHeaderName(), token.getParameterName());
	}

	@PostMapping("/signup")
	@ResponseStatus(HttpStatus.CREATED)
	SignedUp signup(@Valid @RequestBody SignupRequest signup, HttpServletRequest request,
			HttpServletResponse response) {
		if (this.settings.external().enabled()) {
			throw ApiProblem.notFound("signup.external", "Sign-up happens at the identity provider.");
		}
		checkConsents(signup);
		AccountService.NewAccount account = new AccountService.NewAccount(signup.username(), signup.pseudonym(),
				signup.password(), Set.of(Role.CLIENT), localeOf(signup.locale()), timezoneOf(signup.timezone()),
				this.settings.houseRulesVersion(), "signup");
		// a refused attempt (weak password, taken username) costs nothing: only
		// attempts that would make an account count against the limit
		this.accounts.validate(account);
		if (!this.limiter.tryAcquire(request.getRemoteAddr())) {
			throw ApiProblem.tooManyRequests("signup.rate-limited",
					"Too many new accounts from this address; please try again later.");
		}
		UserDocument user = this.accounts.signUp(account);
		signIn(user, request, response);
		return new SignedUp(user.id(), user.username());
	}

	private void checkConsents(SignupRequest signup) {
		if (!Boolean.TRUE.equals(signup.minimumAgeConfirmed())) {
			throw ApiProblem
				.badRequest("age.not-confirmed",
						"Please confirm you are at least " + this.settings.minimumAge() + " years old.")
				.withFieldError("minimumAgeConfirmed", "age.not-confirmed");
		}
		if (!Boolean.TRUE.equals(signup.houseRulesAccepted())
				|| !this.settings.houseRulesVersion().equals(signup.houseRulesVersion())) {
			throw ApiProblem.badRequest("house-rules.not-accepted", "Please read and accept the current house rules.")
				.withFieldError("houseRulesAccepted", "house-rules.not-accepted");
		}
	}

	private void signIn(UserDocument user, HttpServletRequest request, HttpServletResponse response) {
		User principal = (User) User.withUsername(user.id())
			.password("")
			.roles(user.roles().stream().map(Role::name).toArray(String[]::new))
			.build();
		// the password factor, with its time: the ID token's auth_time comes from it
		List<GrantedAuthority> authorities = new ArrayList<>(principal.getAuthorities());
		authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY));
		UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken
			.authenticated(principal, null, authorities);
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
		SecurityContext context = this.contexts.createEmptyContext();
		context.setAuthentication(authentication);
		this.contexts.setContext(context);
		this.sessions.saveContext(context, request, response);
	}

	/**
	 * Ends the sign-in session at the authorization server (the app keeps working with
	 * its tokens). The app calls it once signed in and on quick exit, so on a shared
	 * device the next person who presses "sign in" is asked for a password. Without CSRF
	 * protection on purpose: at worst someone ends your sign-in session.
	 */
	@PostMapping("/session/end")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void endSession(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		this.contexts.clearContext();
	}

	static String localeOf(@Nullable String locale) {
		return "en".equals(locale) ? "en" : AccountService.DEFAULT_LOCALE;
	}

	static String timezoneOf(@Nullable String timezone) {
		if (timezone == null || timezone.isBlank()) {
			return AccountService.DEFAULT_TIMEZONE;
		}
		try {
			return ZoneId.of(timezone).getId();
		}
		catch (RuntimeException ex) {
			return AccountService.DEFAULT_TIMEZONE;
		}
	}

	record AuthConfig(String authority, String clientId, String scope, boolean signupEnabled, int minimumAge,
			String houseRulesVersion, int passwordMinLength, IdleSignOut idleSignOut) {
	}

	/**
	 * After how many seconds without activity the app signs a person out, and how long
	 * before that it warns.
	 */
	record IdleSignOut(long clientSeconds, long staffSeconds, long warningSeconds) {
	}

	record CsrfTokenView(String token, String headerName, String parameterName) {
	}

	record SignedUp(String id, String username) {
	}

	/**
	 * A young client's sign-up.
	 *
	 * @param username sign-in name
	 * @param pseudonym display name
	 * @param password password
	 * @param minimumAgeConfirmed confirms the minimum age
	 * @param houseRulesAccepted accepts the house rules
	 * @param houseRulesVersion the version that was shown
	 * @param locale language
	 * @param timezone IANA time zone of the browser
	 */
	record SignupRequest(
			@NotNull(message = "username.invalid") @Pattern(regexp = AccountRules.USERNAME,
					message = "username.invalid") String username,
			@NotNull(message = "pseudonym.invalid") @Pattern(regexp = AccountRules.PSEUDONYM,
					message = "pseudonym.invalid") String pseudonym,
			@NotNull(message = "password.too-short") @Size(max = 200, message = "password.too-long") String password,
			@Nullable Boolean minimumAgeConfirmed, @Nullable Boolean houseRulesAccepted,
			@Nullable String houseRulesVersion, @Nullable String locale, @Nullable String timezone) {
	}

}
