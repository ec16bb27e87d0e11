/**
 * Guided self-help programmes delivered as a chat: the content files and their
 * validation, enrolments, the step engine that posts steps into a guide conversation and
 * records answers, and the therapist's view of progress.
 * <p>
 * Other modules listen to {@link be.cocon.programme.RiskSignalled}.
 */
@NullMarked
@ApplicationModule(displayName = "Programme")
package be.cocon.programme;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
