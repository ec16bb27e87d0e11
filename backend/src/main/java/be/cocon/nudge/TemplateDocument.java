package be.cocon.nudge;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import be.cocon.privacy.Encrypted;

/** A therapist's own nudge text to reuse. */
@Document(TemplateDocument.COLLECTION)
record TemplateDocument(@Id String id, String therapistId, @Encrypted String title, @Encrypted String text,
		Instant createdAt) {

	static final String COLLECTION = "nudge_templates";

}
