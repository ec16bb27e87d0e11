package be.cocon.loadtest.baseline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A bare Spring STOMP server that speaks Cocon's chat protocol and nothing more: the
 * simple broker with Cocon's destinations and ordering settings, but no security, no
 * store, no risk assessment. The load generator runs the same load against it and against
 * Cocon, so the ratio shows what Cocon's own work costs on top of Spring's messaging.
 */
@SpringBootApplication
public class BaselineBroker {

	public static void main(String[] args) {
		SpringApplication.run(BaselineBroker.class, args);
	}

	/** What the load generator waits for before it connects. */
	@RestController
	static class Health {

		@GetMapping("/health")
		String health() {
			return "UP";
		}

	}

}
