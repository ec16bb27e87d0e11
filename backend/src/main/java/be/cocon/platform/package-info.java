/**
 * Cross-cutting pieces only: the store (embedded or real MongoDB), HTTP error responses
 * as RFC 9457 problem details, request ids and request logging, and operational
 * endpoints.
 */
@NullMarked
@ApplicationModule(displayName = "Platform")
package be.cocon.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
