package be.cocon.programme;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import be.cocon.privacy.Encrypted;

/**
 * A client's enrolment in one version of a programme: where they are, and every answered
 * step with its times and answer. It stays on the programme version it started with.
 */
@Document(EnrolmentDocument.COLLECTION)
record EnrolmentDocument(@Id String id, String clientId, String programmeId, int version, String conversationId,
		Status status, @Nullable String currentStepId, Instant currentStepStartedAt, int run, List<StepRecord> steps,
		List<StepRecord> earlierRuns, Instant startedAt, Instant updatedAt, @Nullable Instant completedAt,
		String enrolledBy, long revision) {

	static final String COLLECTION = "enrolments";

	enum Status {

		ACTIVE, PAUSED, COMPLETED, LEFT

	}

	/**
	 * One answered step.
	 *
	 * @param stepId the step
	 * @param kind its kind
	 * @param run which run of the enrolment (a restart begins a new run)
	 * @param startedAt when the step was posted
	 * @param answeredAt when it was answered
	 * @param answer the normalised answer
	 * @param comments therapist comments on the answer
	 */
	record StepRecord(String stepId, Content.StepKind kind, int run, Instant startedAt, Instant answeredAt,
			@Encrypted Map<String, Object> answer, List<Comment> comments) {
	}

	record Comment(String therapistId, @Encrypted String text, Instant at) {
	}

	String programmeKey() {
		return this.programmeId + "@" + this.version;
	}

	boolean isOpen() {
		return this.status == Status.ACTIVE || this.status == Status.PAUSED;
	}

}
