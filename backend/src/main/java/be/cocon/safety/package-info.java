/**
 * Safety: recognising messages in which a young person signals suicide risk, self-harm,
 * abuse or an intent to hurt someone else. {@link be.cocon.safety.RiskDetector} is the
 * module's API; the rules themselves live in {@code classpath:safety/lexicon-*.json}.
 */
@NullMarked
@ApplicationModule(displayName = "Safety")
package be.cocon.safety;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
