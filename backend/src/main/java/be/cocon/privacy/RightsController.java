package be.cocon.privacy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A client's own rights, for themselves only: download everything Cocon keeps about them
 * (JSON, or one readable page) and erase their account after entering their password.
 */
@RestController
@Validated
@PreAuthorize("hasRole('CLIENT')")
class RightsController {

	/** The readable page needs nothing from outside: no scripts, no other files. */
	private static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
			+ "form-action 'none'; frame-ancestors 'none'";

	private final ClientRights rights;

	private final JsonMapper json;

	RightsController(ClientRights rights, JsonMapper json) {
		this.rights = rights;
		this.json = json;
	}

	@GetMapping(path = "/api/me/export", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ClientRights.ClientExport> exportJson(Authentication authentication) {
		ClientRights.ClientExport export = this.rights.export(authentication.getName(), "json");
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, attachment(export, "json"))
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(export);
	}

	/**
	 * @param lang the page's language ({@code nl} or {@code en}); the account's language
	 * when left out
	 */
	@GetMapping(path = "/api/me/export/html", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<byte[]> exportPage(
			@RequestParam(required = false) @Nullable @Pattern(regexp = "nl|en", message = "lang.invalid") String lang,
			Authentication authentication) {
		ClientRights.ClientExport export = this.rights.export(authentication.getName(), "html");
		String page = ExportPage.render(this.json.valueToTree(export.sections()), export.exportedAt(),
				export.pseudonym(), (lang != null) ? lang : export.language(), export.timezone());
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, attachment(export, "html"))
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.header("Content-Security-Policy", PAGE_POLICY)
			.body(page.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Erases the account and everything about the client; 204 when it is done. The
	 * password is checked like a sign-in (wrong: 400, too many tries: 429).
	 */
	@PostMapping("/api/me/erasure")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void erase(@RequestBody ErasureRequest request, HttpServletRequest http, Authentication authentication) {
		this.rights.erase(authentication.getName(), request.password(), http.getRemoteAddr());
	}

	/**
	 * @param password the client's password, to confirm it is really them
	 */
	record ErasureRequest(@Nullable String password) {
	}

	private static String attachment(ClientRights.ClientExport export, String extension) {
		LocalDate day = LocalDate.ofInstant(export.exportedAt(), zoneOf(export.timezone()));
		return ContentDisposition.attachment().filename("notes-" + day + "." + extension).build().toString();
	}

	private static ZoneId zoneOf(String timezone) {
		try {
			return ZoneId.of(timezone);
		}
		catch (RuntimeException ex) {
			return ZoneId.of("Europe/Brussels");
		}
	}

}
