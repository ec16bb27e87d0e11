/**
 * Privacy: the append-only audit log of who accessed which client's data, and the
 * client's rights over their data (export and erasure). Other modules record through
 * {@link be.cocon.privacy.AuditLog}, and every module that keeps client data implements
 * {@link be.cocon.privacy.PersonalData} for its own collections; the accounts module
 * implements {@link be.cocon.privacy.ClientAccounts}. Privacy depends on no module but
 * the platform.
 */
@NullMarked
@ApplicationModule(displayName = "Privacy")
package be.cocon.privacy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
