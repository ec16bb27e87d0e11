package be.cocon.support;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The app's REST endpoints under {@code /api/}, for tests that must list every one. */
public final class ApiEndpoints {

	private ApiEndpoints() {
	}

	/**
	 * Every endpoint as {@code METHOD /path/pattern}; a mapping without methods answers
	 * every method and is listed as {@code ANY}, so it needs its own row.
	 */
	public static Set<String> of(RequestMappingHandlerMapping mappings) {
		Set<String> endpoints = new TreeSet<>();
		mappings.getHandlerMethods().keySet().forEach((info) -> info.getPatternValues().forEach((path) -> {
			if (path.startsWith("/api/")) {
				Set<String> methods = info.getMethodsCondition()
					.getMethods()
					.stream()
					.map(Enum::name)
					.collect(Collectors.toSet());
				(methods.isEmpty() ? Set.of("ANY") : methods).forEach((method) -> endpoints.add(method + " " + path));
			}
		}));
		return endpoints;
	}

}
