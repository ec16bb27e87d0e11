package be.cocon.programme;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import be.cocon.programme.Content.Programme;
import be.cocon.programme.Content.Questionnaire;

/**
 * The programmes and questionnaires in {@code classpath:programmes/}. Every file is
 * checked against its JSON Schema and the engine's own rules when the app starts; a
 * broken file stops startup with a message that names the file, the step and the problem.
 */
@Component
class ContentCatalog {

	private static final Logger log = LoggerFactory.getLogger(ContentCatalog.class);

	static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	/**
	 * Where a schema error sits: {@code modules[i].steps[j]}, in whatever path notation.
	 */
	private static final Pattern STEP_PATH = Pattern.compile("modules\\D{1,3}(\\d+)\\D{1,3}steps\\D{1,3}(\\d+)");

	private final Map<String, Programme> programmes = new LinkedHashMap<>();

	private final Map<String, Questionnaire> questionnaires = new LinkedHashMap<>();

	private final Map<String, String> sources = new LinkedHashMap<>();

	private final Map<String, String> questionnaireSources = new LinkedHashMap<>();

	ContentCatalog() {
		this("classpath:programmes/");
	}

	ContentCatalog(String location) {
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
		Schema questionnaireSchema = schema(registry, location + "schema/questionnaire.schema.json");
		for (Resource file : resources(location + "questionnaires/*.json")) {
			JsonNode json = read(file, questionnaireSchema);
			Questionnaire questionnaire = JSON.treeToValue(json, Questionnaire.class);
			fail(file, ContentValidator.problems(questionnaire));
			this.questionnaires.put(questionnaire.id(), questionnaire);
			this.questionnaireSources.put(questionnaire.key(), JSON.writeValueAsString(json));
		}
		Schema programmeSchema = schema(registry, location + "schema/programme.schema.json");
		for (Resource file : resources(location + "*.json")) {
			JsonNode json = read(file, programmeSchema);
			Programme programme = JSON.treeToValue(json, Programme.class);
			fail(file, ContentValidator.problems(programme, this.questionnaires.keySet()));
			this.programmes.put(programme.id(), programme);
			this.sources.put(programme.key(), JSON.writeValueAsString(json));
		}
		log.info("Programmes: {} loaded ({}), questionnaires: {}", this.programmes.size(),
				String.join(", ", this.programmes.keySet()), String.join(", ", this.questionnaires.keySet()));
	}

	List<Programme> programmes() {
		return this.programmes.values().stream().sorted(Comparator.comparing(Programme::id)).toList();
	}

	Optional<Programme> current(String id) {
		return Optional.ofNullable(this.programmes.get(id));
	}

	Optional<Questionnaire> questionnaire(String id) {
		return Optional.ofNullable(this.questionnaires.get(id));
	}

	/** The JSON of the current content of each programme, keyed by {@code id@version}. */
	Map<String, String> sources() {
		return this.sources;
	}

	/**
	 * The JSON of the current content of each questionnaire, keyed by {@code id@version}.
	 */
	Map<String, String> questionnaireSources() {
		return this.questionnaireSources;
	}

	private static JsonNode read(Resource file, Schema schema) {
		try (InputStream in = file.getInputStream()) {
			JsonNode json = JSON.readTree(in);
			List<String> problems = new ArrayList<>();
			for (Error error : schema.validate(json)) {
				problems.add(describe(json, error));
			}
			fail(file, problems);
			return json;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read content file " + file.getFilename(), ex);
		}
		catch (RuntimeException ex) {
			if (ex instanceof IllegalStateException) {
				throw ex;
			}
			throw new IllegalStateException(
					"Content file " + file.getFilename() + " is not valid JSON: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The schema's message, prefixed with the step it is about when the path is inside
	 * one.
	 */
	private static String describe(JsonNode json, Error error) {
		String path = error.getInstanceLocation().toString();
		Matcher step = STEP_PATH.matcher(path);
		if (step.find()) {
			JsonNode node = json.path("modules")
				.path(Integer.parseInt(step.group(1)))
				.path("steps")
				.path(Integer.parseInt(step.group(2)))
				.path("id");
			String id = node.isString() ? node.asString() : "#" + step.group(2);
			return "step '" + id + "': " + error.getMessage();
		}
		return error.getMessage();
	}

	private static void fail(Resource file, List<String> problems) {
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Content file programmes/" + file.getFilename() + " is broken:\n  - "
					+ String.join("\n  - ", problems));
		}
	}

	private static Schema schema(SchemaRegistry registry, String location) {
		try (InputStream in = new PathMatchingResourcePatternResolver().getResource(location).getInputStream()) {
			return registry.getSchema(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read schema " + location, ex);
		}
	}

	private static List<Resource> resources(String pattern) {
		try {
			List<Resource> files = new ArrayList<>(
					List.of(new PathMatchingResourcePatternResolver().getResources(pattern)));
			files.sort(Comparator.comparing(Resource::getFilename, Comparator.nullsLast(String::compareTo)));
			return files;
		}
		catch (java.io.FileNotFoundException ex) {
			// no such folder: no files of this kind
			return List.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + pattern, ex);
		}
	}

}
