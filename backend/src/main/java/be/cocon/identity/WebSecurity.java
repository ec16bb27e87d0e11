package be.cocon.identity;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The API is a stateless JWT resource server; everything else (the browser app, the
 * sign-in form, sign-up) is served with a session and CSRF protection. The authorization
 * server's own chain is in {@link BuiltInAuthorizationServer}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class WebSecurity {

	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
			+ "style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; frame-ancestors 'none'; "
			+ "base-uri 'self'; object-src 'none'";

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@Order(2)
	SecurityFilterChain apiChain(HttpSecurity http, AccountStatusCheck jwtAuthentication) throws Exception {
		ProblemResponses problems = new ProblemResponses();
		// metrics and info tell a stranger how many escalations there are and what runs
		// here: an admin's token only (health stays open for probes, in the web chain)
		http.securityMatcher("/api/**", "/actuator/prometheus", "/actuator/info")
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/api/crisis-resources")
				.permitAll()
				.requestMatchers("/actuator/prometheus", "/actuator/info")
				.hasRole(Role.ADMIN.name())
				.requestMatchers("/api/admin/**")
				.hasRole(Role.ADMIN.name())
				.requestMatchers("/api/escalations", "/api/escalations/**")
				.hasRole(Role.MODERATOR.name())
				.requestMatchers("/api/caseload", "/api/caseload/**", "/api/clients/**",
						"/api/enrolments/*/steps/*/comments", "/api/nudge-templates", "/api/nudge-templates/**")
				.hasRole(Role.THERAPIST.name())
				.requestMatchers("/api/help")
				.hasRole(Role.CLIENT.name())
				.requestMatchers("/api/enrolments", "/api/enrolments/**")
				.hasRole(Role.CLIENT.name())
				.requestMatchers("/api/checkins", "/api/checkins/**")
				.hasRole(Role.CLIENT.name())
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer((resource) -> resource.jwt((jwt) -> jwt.jwtAuthenticationConverter(jwtAuthentication))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.cors(Customizer.withDefaults());
		return http.build();
	}

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@Order(3)
	SecurityFilterChain webChain(HttpSecurity http, Users users, LoginThrottle throttle, PasswordEncoder passwords,
			IdentitySettings settings) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		if (!settings.external().enabled()) {
			// with an external IdP nobody signs in here: no password form to guess at
			DaoAuthenticationProvider byPassword = new DaoAuthenticationProvider(new StoreUserDetailsService(users));
			byPassword.setPasswordEncoder(passwords);
			// "disabled" only after a correct password, so the answer tells a stranger
			// nothing about which usernames exist (locks come from the throttle)
			byPassword.setPreAuthenticationChecks((user) -> {
			});
			byPassword.setPostAuthenticationChecks((user) -> {
				if (!user.isEnabled()) {
					throw new DisabledException("This account is disabled.");
				}
			});
			http.authenticationManager(new ProviderManager(new ThrottledAuthenticationProvider(byPassword, throttle)))
				.formLogin((form) -> form.loginPage("/login").failureHandler(loginFailures()).permitAll())
				.logout((logout) -> logout.logoutSuccessUrl("/login?logout"));
		}
		http.csrf((csrf) -> csrf.spa().ignoringRequestMatchers("/auth/session/end"))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	CorsConfigurationSource corsConfigurationSource(IdentitySettings settings) {
		List<String> origins = new ArrayList<>(settings.webClient().allowedOrigins());
		origins.add(settings.issuerUrl());
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(origins);
		cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
		cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Request-Id", "X-XSRF-TOKEN"));
		cors.setExposedHeaders(List.of("X-Request-Id", "WWW-Authenticate"));
		cors.setMaxAge(3600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", cors);
		return source;
	}

	private static AuthenticationFailureHandler loginFailures() {
		return (request, response, exception) -> {
			String reason = (exception instanceof LockedException) ? "locked"
					: (exception instanceof DisabledException) ? "disabled" : "credentials";
			new SimpleUrlAuthenticationFailureHandler("/login?error=" + reason).onAuthenticationFailure(request,
					response, exception);
		};
	}

}
