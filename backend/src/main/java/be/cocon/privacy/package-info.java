/**
 * Privacy: the append-only audit log of who accessed which client's data. Other modules
 * record through {@link be.cocon.privacy.AuditLog}.
 */
@NullMarked
@ApplicationModule(displayName = "Privacy")
package be.cocon.privacy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
