package be.cocon.programme;

import java.security.Principal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import be.cocon.identity.CurrentUser;
import be.cocon.privacy.AuditLog;
import be.cocon.programme.ProgrammeViews.CatalogueEntry;
import be.cocon.programme.ProgrammeViews.EnrolmentView;

/**
 * The programme API: the catalogue, a client's enrolments (enrol, answer, pause, resume,
 * restart, leave), and the therapist's view of a client's programmes with comments.
 * Answers also come over STOMP ({@code /app/enrolments/{id}/answers}); a refused answer
 * changes nothing and is answered with a problem detail, or on STOMP with the error event
 * every destination answers refusals with (the chat module's {@code StompErrors}).
 */
@RestController
class ProgrammeController {

	private final ProgrammeService programmes;

	private final ContentCatalog catalog;

	private final AuditLog audit;

	ProgrammeController(ProgrammeService programmes, ContentCatalog catalog, AuditLog audit) {
		this.programmes = programmes;
		this.catalog = catalog;
		this.audit = audit;
	}

	@GetMapping("/api/programmes")
	List<CatalogueEntry> catalogue() {
		return this.catalog.programmes().stream().map(CatalogueEntry::of).toList();
	}

	@GetMapping("/api/enrolments")
	@PreAuthorize("hasRole('CLIENT')")
	List<EnrolmentView> mine(Authentication authentication) {
		return views(CurrentUser.id(authentication).value());
	}

	/**
	 * Starts a programme: 201 with a new enrolment, or 200 with the next run of the
	 * client's completed enrolment in it (a repeat stays in the same place).
	 */
	@PostMapping("/api/enrolments")
	@PreAuthorize("hasRole('CLIENT')")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiResponse(responseCode = "201", description = "A new enrolment")
	@ApiResponse(responseCode = "200",
			description = "The next run of the client's completed enrolment in this programme")
	ResponseEntity<EnrolmentView> enrol(@Valid @RequestBody Enrol request, Authentication authentication) {
		String me = CurrentUser.id(authentication).value();
		return started(this.programmes.enrol(me, request.programmeId(), me));
	}

	@GetMapping("/api/enrolments/{enrolmentId}")
	@PreAuthorize("hasRole('CLIENT')")
	EnrolmentView one(@PathVariable String enrolmentId, Authentication authentication) {
		return view(this.programmes.own(CurrentUser.id(authentication).value(), enrolmentId));
	}

	@PostMapping("/api/enrolments/{enrolmentId}/answers")
	@PreAuthorize("hasRole('CLIENT')")
	EnrolmentView answer(@PathVariable String enrolmentId, @RequestBody Answer answer, Authentication authentication) {
		return view(this.programmes.answer(CurrentUser.id(authentication).value(), enrolmentId, answer.stepId(),
				answer.answer()));
	}

	@PostMapping("/api/enrolments/{enrolmentId}/{action:pause|resume|restart|leave}")
	@PreAuthorize("hasRole('CLIENT')")
	EnrolmentView act(@PathVariable String enrolmentId, @PathVariable String action, Authentication authentication) {
		String me = CurrentUser.id(authentication).value();
		return view(switch (action) {
			case "pause" -> this.programmes.pause(me, enrolmentId);
			case "resume" -> this.programmes.resume(me, enrolmentId);
			case "restart" -> this.programmes.restart(me, enrolmentId);
			default -> this.programmes.leave(me, enrolmentId);
		});
	}

	@GetMapping("/api/clients/{clientId}/enrolments")
	@PreAuthorize("hasRole('THERAPIST')")
	List<EnrolmentView> ofClient(@PathVariable String clientId, Authentication authentication) {
		String therapist = CurrentUser.id(authentication).value();
		this.programmes.requireTherapistOf(therapist, clientId);
		this.audit.record(therapist, "programme.view", clientId, Map.of());
		return views(clientId);
	}

	@PostMapping("/api/clients/{clientId}/enrolments")
	@PreAuthorize("hasRole('THERAPIST')")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiResponse(responseCode = "201", description = "A new enrolment")
	@ApiResponse(responseCode = "200",
			description = "The next run of the client's completed enrolment in this programme")
	ResponseEntity<EnrolmentView> assign(@PathVariable String clientId, @Valid @RequestBody Enrol request,
			Authentication authentication) {
		String therapist = CurrentUser.id(authentication).value();
		this.programmes.requireTherapistOf(therapist, clientId);
		this.audit.record(therapist, "programme.assign", clientId, Map.of("programmeId", request.programmeId()));
		return started(this.programmes.enrol(clientId, request.programmeId(), therapist));
	}

	@PostMapping("/api/enrolments/{enrolmentId}/steps/{stepId}/comments")
	@PreAuthorize("hasRole('THERAPIST')")
	@ResponseStatus(HttpStatus.CREATED)
	EnrolmentView comment(@PathVariable String enrolmentId, @PathVariable String stepId,
			@Valid @RequestBody NewComment comment, Authentication authentication) {
		String therapist = CurrentUser.id(authentication).value();
		EnrolmentDocument commented = this.programmes.comment(therapist, enrolmentId, stepId, comment.run(),
				comment.text().strip());
		this.audit.record(therapist, "programme.comment", commented.clientId(),
				Map.of("enrolmentId", enrolmentId, "stepId", stepId));
		return view(commented);
	}

	@MessageMapping("/enrolments/{enrolmentId}/answers")
	void answerLive(@DestinationVariable String enrolmentId, @Payload Answer answer, Principal user) {
		this.programmes.answer(user.getName(), enrolmentId, answer.stepId(), answer.answer());
	}

	private List<EnrolmentView> views(String clientId) {
		return this.programmes.enrolmentsOf(clientId)
			.stream()
			.sorted(Comparator.comparing(EnrolmentDocument::startedAt).reversed())
			.map(this::view)
			.toList();
	}

	/**
	 * A first run is a new enrolment (201); a later run changed an existing one (200).
	 */
	private ResponseEntity<EnrolmentView> started(EnrolmentDocument enrolment) {
		return ResponseEntity.status((enrolment.run() > 1) ? HttpStatus.OK : HttpStatus.CREATED).body(view(enrolment));
	}

	private EnrolmentView view(EnrolmentDocument enrolment) {
		return EnrolmentView.of(enrolment, this.programmes.pinned(enrolment));
	}

	record Enrol(@NotBlank(message = "programme.required") @Size(max = 64) String programmeId) {
	}

	/**
	 * @param stepId the step being answered (must be the current one)
	 * @param answer the answer: {@code {}} for information, {@code {text}},
	 * {@code {option}}, {@code {options: []}}, {@code {value}}, {@code {completed,
	 * secondsSpent}} or {@code {items: []}} by step kind
	 */
	record Answer(@Nullable String stepId, @Nullable Map<String, Object> answer) {
	}

	/**
	 * @param text the comment, at most {@value ProgrammeService#MAX_COMMENT} characters
	 * (code points; checked by the service)
	 * @param run the run of the answered step
	 */
	record NewComment(@NotBlank(message = "comment.empty") String text, int run) {
	}

}
