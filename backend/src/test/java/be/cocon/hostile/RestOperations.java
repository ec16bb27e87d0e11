package be.cocon.hostile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The REST operations as {@code docs/openapi.json} describes them: method, path,
 * parameters and the fields of the JSON body, which is what the REST fuzzer generates its
 * cases from.
 */
final class RestOperations {

	private RestOperations() {
	}

	/**
	 * One operation.
	 *
	 * @param method the HTTP method in capitals
	 * @param path the path template ({@code /api/clients/{clientId}/nudges})
	 * @param parameters its path, query and header parameters
	 * @param body the fields of its JSON body by name (their schemas), or null without a
	 * body
	 */
	record Operation(String method, String path, List<Parameter> parameters, Map<String, JsonNode> body) {

		List<Parameter> in(String location) {
			return this.parameters.stream().filter((parameter) -> parameter.in().equals(location)).toList();
		}

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

	/**
	 * @param name its name
	 * @param in path, query or header
	 * @param schema its schema
	 */
	record Parameter(String name, String in, JsonNode schema) {

		boolean integer() {
			return "integer".equals(this.schema.path("type").asString(""));
		}

	}

	static List<Operation> read(Path document) throws Exception {
		JsonNode api = new ObjectMapper().readTree(Files.readString(document));
		JsonNode schemas = api.path("components").path("schemas");
		List<Operation> operations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : api.get("paths").properties()) {
			for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
				JsonNode operation = method.getValue();
				List<Parameter> parameters = new ArrayList<>();
				for (JsonNode parameter : operation.path("parameters")) {
					parameters.add(new Parameter(parameter.get("name").asString(), parameter.get("in").asString(),
							parameter.path("schema")));
				}
				operations.add(new Operation(method.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(),
						parameters, bodyOf(operation, schemas)));
			}
		}
		return operations;
	}

	private static Map<String, JsonNode> bodyOf(JsonNode operation, JsonNode schemas) {
		JsonNode content = operation.path("requestBody").path("content");
		if (content.isMissingNode()) {
			return null;
		}
		JsonNode schema = content.path("application/json").path("schema");
		String ref = schema.path("$ref").asString("");
		if (!ref.isEmpty()) {
			schema = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
		}
		Map<String, JsonNode> fields = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
			fields.put(property.getKey(), property.getValue());
		}
		return fields;
	}

}
