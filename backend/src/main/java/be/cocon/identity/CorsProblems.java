package be.cocon.identity;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.CorsFilter;

/**
 * The CORS filter of the security chains (Spring Security uses the bean named
 * {@code corsFilter}), answering a refused cross-origin request with a 403 problem detail
 * ({@code cors.refused}) instead of Spring's plain text.
 */
@Configuration(proxyBeanMethods = false)
class CorsProblems {

	@Bean
	CorsFilter corsFilter(@Qualifier("corsConfigurationSource") CorsConfigurationSource source) {
		CorsFilter filter = new CorsFilter(source);
		filter.setCorsProcessor(new ProblemCorsProcessor());
		return filter;
	}

	/** It runs inside the security chains only, not a second time on its own. */
	@Bean
	FilterRegistrationBean<CorsFilter> corsFilterRegistration(CorsFilter filter) {
		FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(false);
		return registration;
	}

	static final class ProblemCorsProcessor extends DefaultCorsProcessor {

		private final JsonMapper json = JsonMapper.builder().build();

		@Override
		protected void rejectRequest(ServerHttpResponse response) throws IOException {
			Map<String, Object> problem = new LinkedHashMap<>();
			problem.put("type", "about:blank");
			problem.put("title", HttpStatus.FORBIDDEN.getReasonPhrase());
			problem.put("status", HttpStatus.FORBIDDEN.value());
			problem.put("detail", "Requests from this origin are not allowed.");
			problem.put("code", "cors.refused");
			String requestId = MDC.get("requestId");
			if (requestId != null) {
				problem.put("requestId", requestId);
			}
			response.setStatusCode(HttpStatus.FORBIDDEN);
			response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			response.getBody().write(this.json.writeValueAsBytes(problem));
			response.flush();
		}

	}

}
