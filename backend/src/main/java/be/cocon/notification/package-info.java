/**
 * Web Push notifications: devices a user registered, which kinds of notification they
 * opted in to, and sending a neutral notice (never the content) when a message, a nudge
 * or a check-in reminder arrives while they do not have the app open. See
 * docs/notifications.md.
 */
@NullMarked
@ApplicationModule(displayName = "Notifications")
package be.cocon.notification;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
