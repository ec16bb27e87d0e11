package be.cocon.nudge;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A therapist's own nudge text to reuse. */
@Document(TemplateDocument.COLLECTION)
record TemplateDocument(@Id String id, String therapistId, String title, String text, Instant createdAt) {

	static final String COLLECTION = "nudge_templates";

}
