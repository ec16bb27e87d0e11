package be.cocon.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.bson.Document;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admins read the audit log per client. */
@RestController
@Validated
@PreAuthorize("hasRole('ADMIN')")
class AuditController {

	private final StoreAuditLog log;

	AuditController(StoreAuditLog log) {
		this.log = log;
	}

	@GetMapping("/api/admin/audit/{subjectId}")
	List<Entry> about(@PathVariable String subjectId, @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
			Authentication authentication) {
		List<Entry> entries = this.log.about(subjectId, limit).stream().map(Entry::of).toList();
		// reading who accessed a client's data is an access too; recorded after the read,
		// so it shows in the next one
		if (!entries.isEmpty()) {
			this.log.record(authentication.getName(), "admin.audit-view", subjectId, Map.of());
		}
		return entries;
	}

	record Entry(String id, Instant at, String actorId, String action, String subjectId, Map<String, Object> details) {

		static Entry of(Document doc) {
			Document details = doc.get("details", Document.class);
			return new Entry(doc.getString("_id"), doc.getDate("at").toInstant(), doc.getString("actorId"),
					doc.getString("action"), doc.getString("subjectId"), (details != null) ? details : Map.of());
		}

	}

}
