package be.cocon.nudge;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import be.cocon.identity.CurrentUser;
import be.cocon.platform.ApiProblem;
import be.cocon.privacy.AuditLog;
import be.cocon.nudge.AdaptiveSettings.Mode;

/** A therapist's nudges, adaptive settings and templates (THERAPIST role). */
@RestController
class NudgeController {

	private final NudgeService service;

	private final Nudges nudges;

	private final AuditLog audit;

	private final NudgeSettings settings;

	private final Clock clock;

	NudgeController(NudgeService service, Nudges nudges, AuditLog audit, NudgeSettings settings, Clock clock) {
		this.service = service;
		this.nudges = nudges;
		this.audit = audit;
		this.settings = settings;
		this.clock = clock;
	}

	@GetMapping("/api/clients/{clientId}/nudges")
	List<NudgeView> list(@PathVariable String clientId, Authentication authentication) {
		return this.service.list(me(authentication), clientId).stream().map(NudgeView::of).toList();
	}

	/**
	 * Sends a nudge now, or schedules it for {@code sendAt} in the client's time zone.
	 */
	@PostMapping("/api/clients/{clientId}/nudges")
	@ResponseStatus(HttpStatus.CREATED)
	NudgeView create(@PathVariable String clientId, @RequestBody NewNudge request, Authentication authentication) {
		return NudgeView.of(this.service.create(me(authentication), clientId, request.text(), request.sendAt()));
	}

	@PostMapping("/api/clients/{clientId}/nudges/{nudgeId}/{action:cancel|approve|dismiss}")
	NudgeView act(@PathVariable String clientId, @PathVariable String nudgeId, @PathVariable String action,
			Authentication authentication) {
		String me = me(authentication);
		return NudgeView.of(switch (action) {
			case "cancel" -> this.service.cancel(me, clientId, nudgeId);
			case "approve" -> this.service.approve(me, clientId, nudgeId);
			default -> this.service.dismiss(me, clientId, nudgeId);
		});
	}

	@GetMapping("/api/clients/{clientId}/nudge-settings")
	SettingsView settings(@PathVariable String clientId, Authentication authentication) {
		String me = me(authentication);
		this.service.clientOf(me, clientId);
		this.audit.record(me, "nudge.settings-view", clientId, Map.of());
		return SettingsView.of(this.nudges.settingsOf(clientId).orElse(AdaptiveSettings.defaults(clientId, me)));
	}

	@PutMapping("/api/clients/{clientId}/nudge-settings")
	SettingsView saveSettings(@PathVariable String clientId, @RequestBody SettingsView request,
			Authentication authentication) {
		String me = me(authentication);
		this.service.clientOf(me, clientId);
		AdaptiveSettings current = this.nudges.settingsOf(clientId).orElse(AdaptiveSettings.defaults(clientId, me));
		if (request.enabled() == null) {
			throw ApiProblem.badRequest("nudge.invalid-settings", "Say whether adaptive nudges are on.")
				.withFieldError("enabled", "true or false");
		}
		boolean enabled = request.enabled();
		Instant enabledAt = (enabled && !current.enabled()) ? this.clock.instant() : current.enabledAt();
		AdaptiveSettings saved = new AdaptiveSettings(clientId, me, enabled,
				(request.mode() != null) ? request.mode() : Mode.SUGGEST,
				checkedDays(request.inactiveDays(), "inactiveDays"), checkedDays(request.stalledDays(), "stalledDays"),
				checkedDays(request.missedCheckinDays(), "missedCheckinDays"),
				checkedTime(request.quietStart(), "quietStart"), checkedTime(request.quietEnd(), "quietEnd"),
				checkedHours(request.minHoursBetween()), enabledAt);
		this.nudges.save(saved);
		this.audit.record(me, "nudge.settings", clientId, Map.of("enabled", String.valueOf(saved.enabled())));
		return SettingsView.of(saved);
	}

	@GetMapping("/api/nudge-templates")
	List<TemplateDocument> templates(Authentication authentication) {
		return this.nudges.templatesOf(me(authentication))
			.stream()
			.sorted(Comparator.comparing(TemplateDocument::title, String.CASE_INSENSITIVE_ORDER))
			.toList();
	}

	@PostMapping("/api/nudge-templates")
	@ResponseStatus(HttpStatus.CREATED)
	TemplateDocument addTemplate(@RequestBody NewTemplate request, Authentication authentication) {
		String me = me(authentication);
		String title = checked(request.title(), "title", 80);
		String text = checked(request.text(), "text", this.settings.maxTextLength());
		if (this.nudges.templatesOf(me).size() >= this.settings.maxTemplates()) {
			throw ApiProblem.conflict("template.limit",
					"You can keep at most " + this.settings.maxTemplates() + " templates; delete one first.");
		}
		TemplateDocument template = new TemplateDocument(UUID.randomUUID().toString(), me, title, text,
				this.clock.instant());
		this.nudges.insert(template);
		return template;
	}

	@DeleteMapping("/api/nudge-templates/{templateId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void deleteTemplate(@PathVariable String templateId, Authentication authentication) {
		if (!this.nudges.deleteTemplate(me(authentication), templateId)) {
			throw ApiProblem.notFound("template.not-found", "You have no template " + templateId + ".");
		}
	}

	private static String me(Authentication authentication) {
		return CurrentUser.id(authentication).value();
	}

	private static int checkedDays(@Nullable Integer days, String field) {
		if (days == null || days < 1 || days > 30) {
			throw ApiProblem.badRequest("nudge.invalid-settings", field + " is a number of days from 1 to 30.")
				.withFieldError(field, "1 to 30");
		}
		return days;
	}

	private static int checkedHours(@Nullable Integer hours) {
		if (hours == null || hours < 12 || hours > 336) {
			throw ApiProblem.badRequest("nudge.invalid-settings", "minHoursBetween is 12 to 336 hours.")
				.withFieldError("minHoursBetween", "12 to 336");
		}
		return hours;
	}

	private static String checkedTime(@Nullable String time, String field) {
		try {
			if (time != null && time.length() == 5) {
				return LocalTime.parse(time).toString();
			}
		}
		catch (DateTimeParseException ex) {
			// answered below
		}
		throw ApiProblem.badRequest("nudge.invalid-settings", field + " is a time like 22:00.")
			.withFieldError(field, "HH:mm");
	}

	private static String checked(@Nullable String raw, String field, int max) {
		String text = (raw != null) ? raw.strip() : "";
		if (text.isEmpty() || text.codePointCount(0, text.length()) > max) {
			throw ApiProblem.badRequest("template.invalid", field + " needs 1 to " + max + " characters.")
				.withFieldError(field, "1 to " + max + " characters");
		}
		return text;
	}

	record NewNudge(@Nullable String text, @Nullable String sendAt) {
	}

	record NewTemplate(@Nullable String title, @Nullable String text) {
	}

	/** A nudge as the therapist sees it; {@code localSendAt} is in the client's zone. */
	record NudgeView(String id, String clientId, String text, NudgeDocument.Status status, NudgeDocument.Origin origin,
			NudgeDocument.@Nullable Reason reason, Instant sendAt, String localSendAt, String timezone,
			Instant createdAt, @Nullable Instant sentAt) {

		static NudgeView of(NudgeDocument nudge) {
			return new NudgeView(nudge.id(), nudge.clientId(), nudge.text(), nudge.status(), nudge.origin(),
					nudge.reason(), nudge.sendAt(), nudge.localSendAt(), nudge.timezone(), nudge.createdAt(),
					nudge.sentAt());
		}

	}

	record SettingsView(@Nullable Boolean enabled, @Nullable Mode mode, @Nullable Integer inactiveDays,
			@Nullable Integer stalledDays, @Nullable Integer missedCheckinDays, @Nullable String quietStart,
			@Nullable String quietEnd, @Nullable Integer minHoursBetween) {

		static SettingsView of(AdaptiveSettings settings) {
			return new SettingsView(settings.enabled(), settings.mode(), settings.inactiveDays(),
					settings.stalledDays(), settings.missedCheckinDays(), settings.quietStart(), settings.quietEnd(),
					settings.minHoursBetween());
		}

	}

}
