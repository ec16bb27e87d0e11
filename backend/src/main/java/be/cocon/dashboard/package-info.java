/**
 * The therapist's dashboard: one row per client of the caseload, put together from the
 * public APIs of identity, chat, programme, check-ins and safety. It stores nothing.
 */
@NullMarked
@ApplicationModule(displayName = "Dashboard")
package be.cocon.dashboard;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
