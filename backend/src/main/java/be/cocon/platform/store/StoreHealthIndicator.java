package be.cocon.platform.store;

import org.bson.Document;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Store health that works on both stores: Spring Boot's own MongoDB indicator sends the
 * {@code hello} command, which the embedded server does not implement, so this one pings.
 */
class StoreHealthIndicator extends AbstractHealthIndicator {

	private final MongoTemplate mongo;

	private final StoreDescription store;

	StoreHealthIndicator(MongoTemplate mongo, StoreDescription store) {
		super("Store health check failed");
		this.mongo = mongo;
		this.store = store;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Document answer = this.mongo.executeCommand(new Document("ping", 1));
		Object ok = answer.get("ok");
		if (ok instanceof Number number && number.doubleValue() == 1.0) {
			builder.up().withDetail("kind", this.store.kind());
		}
		else {
			builder.down().withDetail("answer", answer.toJson());
		}
	}

}
