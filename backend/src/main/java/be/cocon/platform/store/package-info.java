/**
 * Which MongoDB the application talks to: a real one when {@code spring.mongodb.uri} is
 * set, otherwise an embedded MongoDB-wire-protocol server started in-process.
 */
@NullMarked
package be.cocon.platform.store;

import org.jspecify.annotations.NullMarked;
