package be.cocon;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Cocon: a chat-first guided self-help platform. Every top-level package below this one
 * is an application module (see docs/architecture.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CoconApplication {

	public static void main(String[] args) {
		SpringApplication.run(CoconApplication.class, args);
	}

}
