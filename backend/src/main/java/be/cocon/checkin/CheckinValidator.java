package be.cocon.checkin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/** Checks a posted check-in completely before anything is stored or screened. */
@Component
class CheckinValidator {

	private static final Pattern UUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	// control characters other than tab and new line, and the Unicode bidi overrides
	private static final Pattern FORBIDDEN = Pattern
		.compile("[\\p{Cntrl}&&[^\\n\\t]]|[\\u202A-\\u202E\\u2066-\\u2069]");

	private final CheckinSettings settings;

	CheckinValidator(CheckinSettings settings) {
		this.settings = settings;
	}

	/** The check-in with its id in lower case and its note trimmed (null when empty). */
	Valid validate(NewCheckIn request) {
		FieldErrors errors = new FieldErrors();
		if (request.id() == null || !UUID.matcher(request.id()).matches()) {
			errors.add("id", "id.invalid", "A check-in needs an id made by the browser (a UUID).");
		}
		int mood = scale(errors, "mood", request.mood());
		int stress = scale(errors, "stress", request.stress());
		List<String> tags = tags(errors, request.tags());
		String note = note(errors, request.note());
		errors.throwIfAny();
		return new Valid(request.id().toLowerCase(Locale.ROOT), mood, stress, tags, note);
	}

	/** A whole number from 1 to 10 (5.5 is refused, not cut to 5). */
	private static int scale(FieldErrors errors, String field, @Nullable Number value) {
		if (value == null) {
			errors.add(field, field + ".required", "Choose a " + field + " from 1 to 10.");
			return 0;
		}
		if (!(value instanceof Integer whole) || whole < 1 || whole > 10) {
			errors.add(field, field + ".out-of-range", "The " + field + " is a whole number from 1 to 10.");
			return 0;
		}
		return whole;
	}

	private List<String> tags(FieldErrors errors, @Nullable List<@Nullable String> requested) {
		if (requested == null) {
			return List.of();
		}
		Set<String> seen = new HashSet<>();
		List<String> tags = new ArrayList<>();
		for (String tag : requested) {
			if (tag == null || !this.settings.tags().contains(tag)) {
				errors.add("tags", "tags.unknown",
						"Unknown tag " + tag + "; choose from " + this.settings.tags() + ".");
			}
			else if (!seen.add(tag)) {
				errors.add("tags", "tags.duplicate", "The tag " + tag + " is chosen twice.");
			}
			else {
				tags.add(tag);
			}
		}
		if (requested.size() > this.settings.maxTags()) {
			errors.add("tags", "tags.too-many", "Choose at most " + this.settings.maxTags() + " tags.");
		}
		return List.copyOf(tags);
	}

	private @Nullable String note(FieldErrors errors, @Nullable String raw) {
		String note = (raw != null) ? raw.replace("\r\n", "\n").strip() : "";
		if (note.isEmpty()) {
			return null;
		}
		if (note.codePointCount(0, note.length()) > this.settings.maxNoteLength()) {
			errors.add("note", "note.too-long",
					"A note can be at most " + this.settings.maxNoteLength() + " characters.");
		}
		if (FORBIDDEN.matcher(note).find()) {
			errors.add("note", "note.control-characters", "A note cannot contain control characters.");
		}
		return note;
	}

	/**
	 * A posted check-in as the browser sends it.
	 *
	 * @param id a UUID the browser made; posting the same id again stores nothing new
	 * @param mood 1..10
	 * @param stress 1..10
	 * @param tags distinct tags from the vocabulary ({@code GET /api/checkins/tags})
	 * @param note optional, at most {@code cocon.checkin.max-note-length} (500)
	 * characters after trimming
	 */
	record NewCheckIn(@Nullable String id,
			@Schema(implementation = Integer.class, minimum = "1", maximum = "10") @Nullable Number mood,
			@Schema(implementation = Integer.class, minimum = "1", maximum = "10") @Nullable Number stress,
			@Nullable List<@Nullable String> tags, @Nullable String note) {
	}

	/** A check-in that passed every rule. */
	record Valid(String id, int mood, int stress, List<String> tags, @Nullable String note) {
	}

}
