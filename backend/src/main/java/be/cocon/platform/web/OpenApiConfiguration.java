package be.cocon.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The description of the REST API served at /v3/api-docs and kept in docs/openapi.json.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI coconOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Cocon REST API")
				.version("0.1.0")
				.description("REST API of Cocon. Every /api path needs an access token (Authorization: Bearer, "
						+ "from the built-in authorization server or the configured identity provider); "
						+ "/auth paths are for the browser app before sign-in. Errors are RFC 9457 problem "
						+ "details with a 'code'. Every operation answers a path variable that cannot be an id "
						+ "(blank, over 128 characters, control characters) with 400 'request.invalid-id', a "
						+ "Content-Type that is not one concrete media type with 415, and a request the server "
						+ "refuses before the application (an encoded slash, a NUL or bytes that are not UTF-8 in "
						+ "the path, headers over 8 KiB) with 400 'request.rejected'. The live channel (STOMP) is "
						+ "described in docs/asyncapi.yaml."))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

}
