package be.cocon.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Pages of the browser app that are addressed by path (sign-in, OAuth callback, role
 * homes): the server answers them with the app's {@code index.html}, and the app shows
 * the right page.
 */
@Controller
class SpaRoutes {

	@GetMapping({ "/login", "/signup", "/auth/callback", "/home", "/admin/accounts", "/admin/caseloads", "/chat",
			"/moderation", "/moderation/stats", "/programmes", "/therapist/client", "/checkin", "/therapist/dashboard",
			"/settings/notifications", "/privacy/audit" })
	String app() {
		return "forward:/index.html";
	}

}
