/**
 * Who is speaking and what they may see: accounts and roles, sign-up, the built-in OAuth2
 * authorization server (or an external identity provider), the JWT resource server, and
 * the caseload of client-to-therapist assignments.
 * <p>
 * Other modules use {@link be.cocon.identity.Accounts},
 * {@link be.cocon.identity.CurrentUser} and the events of this package; everything else
 * is internal.
 */
@NullMarked
@ApplicationModule(displayName = "Identity")
package be.cocon.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
