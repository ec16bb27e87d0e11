package be.cocon.checkin;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import tools.jackson.databind.DatabindException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import be.cocon.checkin.CheckinValidator.NewCheckIn;
import be.cocon.checkin.CheckinViews.CheckIn;
import be.cocon.checkin.CheckinViews.Posted;
import be.cocon.checkin.CheckinViews.Reminder;
import be.cocon.checkin.CheckinViews.Trends;
import be.cocon.identity.CurrentUser;

/** A client's own check-ins, their trends, the tag vocabulary and the daily reminder. */
@RestController
@PreAuthorize("hasRole('CLIENT')")
class CheckinController {

	private final CheckinService checkins;

	private final DailyReminders reminders;

	CheckinController(CheckinService checkins, DailyReminders reminders) {
		this.checkins = checkins;
		this.reminders = reminders;
	}

	/** 201 with the stored check-in; 200 when this id was stored before (nothing new). */
	@PostMapping("/api/checkins")
	ResponseEntity<Posted> postCheckIn(@RequestBody NewCheckIn request, Authentication authentication) {
		CheckinService.Result result = this.checkins.post(me(authentication), request);
		return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK).body(result.posted());
	}

	@GetMapping("/api/checkins")
	List<CheckIn> myCheckIns(@RequestParam(defaultValue = "30") int days, Authentication authentication) {
		return this.checkins.list(me(authentication), days);
	}

	@GetMapping("/api/checkins/trends")
	Trends myTrends(@RequestParam(defaultValue = "30") int days, Authentication authentication) {
		return this.checkins.trends(me(authentication), days);
	}

	@GetMapping("/api/checkins/tags")
	List<String> checkInTags() {
		return this.checkins.tags();
	}

	@GetMapping("/api/checkins/reminder")
	Reminder myReminder(Authentication authentication) {
		return this.reminders.of(me(authentication));
	}

	@PutMapping("/api/checkins/reminder")
	Reminder setMyReminder(@RequestBody ReminderChange change, Authentication authentication) {
		return this.reminders.set(me(authentication), change.enabled(), change.time());
	}

	/**
	 * A body that does not fit the shapes (a word where a number belongs) is a validation
	 * error like any other, named by its field.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> unreadableCheckIn(HttpMessageNotReadableException ex) {
		String field = "body";
		if (ex.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			field = databind.getPath()
				.stream()
				.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
						: String.valueOf(reference.getIndex()))
				.reduce((a, b) -> a + "." + b)
				.orElse(field);
		}
		ProblemDetail problem = FieldErrors.single(field, "body.unreadable", "This value has the wrong type.")
			.getBody();
		// the platform's advice adds the request id to problems it writes; this one is
		// written here
		String requestId = MDC.get("requestId");
		if (requestId != null) {
			problem.setProperty("requestId", requestId);
		}
		return ResponseEntity.badRequest().body(problem);
	}

	private static String me(Authentication authentication) {
		return CurrentUser.id(authentication).value();
	}

	/**
	 * @param enabled whether the reminder is on
	 * @param time local time {@code HH:mm}; required when switching it on
	 * @param timezone ignored: the reminder follows the account's time zone
	 */
	@Schema(name = "CheckInReminderChange")
	record ReminderChange(@Nullable Boolean enabled, @Nullable String time, @Nullable String timezone) {
	}

}
