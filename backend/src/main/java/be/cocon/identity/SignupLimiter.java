package be.cocon.identity;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import org.springframework.stereotype.Component;

/**
 * Limits sign-ups per client address (a token bucket per address, Bucket4j). Kept in
 * memory per instance and bounded to the most recent addresses.
 */
@Component
class SignupLimiter {

	private static final int MAX_ADDRESSES = 10_000;

	private final int perHour;

	private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
			return size() > MAX_ADDRESSES;
		}
	};

	SignupLimiter(IdentitySettings settings) {
		this.perHour = settings.signupsPerAddressPerHour();
	}

	boolean tryAcquire(String address) {
		Bucket bucket;
		synchronized (this.buckets) {
			bucket = this.buckets.computeIfAbsent(address, (key) -> newBucket());
		}
		return bucket.tryConsume(1);
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit(
					Bandwidth.builder().capacity(this.perHour).refillGreedy(this.perHour, Duration.ofHours(1)).build())
			.build();
	}

}
