/**
 * Privacy: the audit log of who accessed which client's data (other modules record
 * through {@link be.cocon.privacy.AuditLog}; identity names the staff in it through
 * {@link be.cocon.privacy.AuditActors}) and the client's own view of it; the client's
 * rights over their data (export and erasure: every module that keeps client data
 * implements {@link be.cocon.privacy.PersonalData} for its own collections, and identity
 * implements {@link be.cocon.privacy.ClientAccounts}); encryption at rest
 * ({@link be.cocon.privacy.Encrypted}, {@link be.cocon.privacy.FieldCipher}); and
 * retention: how long personal data is kept
 * ({@link be.cocon.privacy.RetentionProperties}) and the scheduled purge that runs every
 * module's {@link be.cocon.privacy.RetentionPurge}. Privacy depends on no module but the
 * platform.
 */
@NullMarked
@ApplicationModule(displayName = "Privacy")
package be.cocon.privacy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
