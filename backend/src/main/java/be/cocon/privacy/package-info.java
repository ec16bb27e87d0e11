/**
 * Privacy: the audit log of who accessed which client's data (other modules record
 * through {@link be.cocon.privacy.AuditLog}; identity names the staff in it through
 * {@link be.cocon.privacy.AuditActors}), the client's own view of it, and retention: how
 * long personal data is kept ({@link be.cocon.privacy.RetentionProperties}) and the
 * scheduled purge that runs every module's {@link be.cocon.privacy.RetentionPurge}.
 */
@NullMarked
@ApplicationModule(displayName = "Privacy")
package be.cocon.privacy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
