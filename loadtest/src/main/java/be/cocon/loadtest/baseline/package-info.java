/**
 * A bare Spring STOMP server with Cocon's chat protocol and messaging settings: the
 * baseline that Cocon's figures are compared with.
 */
@NullMarked
package be.cocon.loadtest.baseline;

import org.jspecify.annotations.NullMarked;
