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
						+ "details with a 'code'. The live channel (STOMP) is described in docs/asyncapi.yaml."))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

}
