package be.cocon.platform.store;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when no real MongoDB is configured: neither {@code spring.mongodb.uri} nor
 * {@code spring.mongodb.host} is set.
 */
class EmbeddedStoreCondition extends SpringBootCondition {

	static final String URI_PROPERTY = "spring.mongodb.uri";

	static final String HOST_PROPERTY = "spring.mongodb.host";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment env = context.getEnvironment();
		if (StringUtils.hasText(env.getProperty(URI_PROPERTY))) {
			return ConditionOutcome.noMatch(URI_PROPERTY + " is set");
		}
		if (StringUtils.hasText(env.getProperty(HOST_PROPERTY))) {
			return ConditionOutcome.noMatch(HOST_PROPERTY + " is set");
		}
		return ConditionOutcome.match("no MongoDB URI or host is configured");
	}

}
