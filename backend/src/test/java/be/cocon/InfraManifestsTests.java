package be.cocon;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files under {@code infra/} agree with the application and with each
 * other: nothing here runs Docker or Kubernetes, so these checks are what stands between
 * a typo in a manifest and a cluster whose pods never become ready, a Service that
 * selects nothing, or a password written into a committed file.
 */
class InfraManifestsTests {

	private static final Path REPOSITORY = Path.of("..");

	private static final Path INFRA = REPOSITORY.resolve("infra");

	private static final Path K8S = INFRA.resolve("k8s");

	private static final Path COMPOSE = INFRA.resolve("compose");

	private static final Set<String> SECRET_WORDS = Set.of("PASSWORD", "PASSCODE", "PASS", "PWD", "SECRET", "TOKEN",
			"KEY", "KEYSET", "KEYFILE", "CREDENTIALS");

	private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z0-9_]+)([^}]*)}");

	private static final Pattern CREDENTIALS_IN_URI = Pattern.compile("://([^/@\\s]*)@");

	@Test
	void everyYamlFileUnderInfraParses() throws IOException {
		List<Path> files = yamlFiles(INFRA);
		assertThat(files).hasSizeGreaterThanOrEqualTo(8);
		for (Path file : files) {
			assertThat(documents(file)).as(file.toString()).isNotEmpty().doesNotContainNull();
		}
	}

	@Test
	void everyKubernetesDocumentHasApiVersionKindAndName() throws IOException {
		for (Map<String, Object> document : kubernetes()) {
			assertThat(text(document, "apiVersion")).as("apiVersion of %s", document).isNotBlank();
			assertThat(text(document, "kind")).as("kind of %s", document).isNotBlank();
			assertThat(text(document, "metadata", "name")).as("metadata.name of %s", document).isNotBlank();
		}
	}

	@Test
	void kustomizationListsEveryManifest() throws IOException {
		Map<String, Object> kustomization = documents(K8S.resolve("kustomization.yaml")).get(0);
		Set<String> files = new TreeSet<>();
		for (Path file : yamlFiles(K8S)) {
			files.add(K8S.relativize(file).toString());
		}
		files.remove("kustomization.yaml");
		assertThat(new TreeSet<>(strings(list(kustomization, "resources")))).isEqualTo(files);
	}

	@Test
	void probesAskTheActuatorHealthGroupsOnTheServerPort() throws IOException {
		Map<String, Object> app = documents(REPOSITORY.resolve("backend/src/main/resources/application.yaml")).get(0);
		assertThat(value(app, "management", "endpoint", "health", "probes", "enabled")).isEqualTo(true);
		assertThat(text(app, "management", "endpoints", "web", "exposure", "include")).matches("(.*,)?health(,.*)?");
		// probes on the app's own port, under the default base path
		assertThat(value(app, "management", "server", "port")).isNull();
		assertThat(value(app, "management", "endpoints", "web", "base-path")).isNull();
		int serverPort = defaultOf(text(app, "server", "port"));

		Map<String, Object> container = container(deployment());
		int containerPort = port(container, "http");
		assertThat(containerPort).isEqualTo(serverPort);
		assertThat(environment(container)).doesNotContainKeys("PORT", "SERVER_PORT");
		assertThat(configMap("cocon-config")).doesNotContainKeys("PORT", "SERVER_PORT");
		Map<String, String> paths = Map.of("startupProbe", "/actuator/health/liveness", "livenessProbe",
				"/actuator/health/liveness", "readinessProbe", "/actuator/health/readiness");
		paths.forEach((probe, path) -> {
			assertThat(text(container, probe, "httpGet", "path")).as(probe).isEqualTo(path);
			assertThat(portNumber(container, value(container, probe, "httpGet", "port"))).as(probe)
				.isEqualTo(serverPort);
		});
	}

	@Test
	void serviceSelectsThePodsAndReachesTheirPort() throws IOException {
		Map<String, Object> deployment = deployment();
		Map<String, Object> podLabels = map(deployment, "spec", "template", "metadata", "labels");
		assertThat(podLabels).containsAllEntriesOf(map(deployment, "spec", "selector", "matchLabels"));
		Map<String, Object> service = only("Service");
		assertThat(map(service, "spec", "selector")).isNotEmpty();
		assertThat(podLabels).containsAllEntriesOf(map(service, "spec", "selector"));
		for (Object port : list(service, "spec", "ports")) {
			assertThat(portNumber(container(deployment), value(port, "targetPort")))
				.isEqualTo(port(container(deployment), "http"));
		}
	}

	@Test
	void ingressSendsEverythingToTheServiceWithWebSocketTimeouts() throws IOException {
		Map<String, Object> service = only("Service");
		Map<String, Object> ingress = only("Ingress");
		Map<String, Object> backends = new LinkedHashMap<>();
		for (Object rule : list(ingress, "spec", "rules")) {
			for (Object path : list(rule, "http", "paths")) {
				backends.put(text(path, "path"), value(path, "backend", "service"));
			}
		}
		assertThat(backends).containsKey("/");
		backends.forEach((path, backend) -> {
			if (!text(backend, "name").equals(text(service, "metadata", "name"))) {
				// only the identity provider's own paths go elsewhere
				assertThat(path).matches("/(realms|resources)/");
				return;
			}
			Object port = value(backend, "port", "name");
			Object number = value(backend, "port", "number");
			assertThat(list(service, "spec", "ports")).anySatisfy((
					servicePort) -> assertThat((port != null) ? value(servicePort, "name") : value(servicePort, "port"))
						.isEqualTo((port != null) ? port : number));
		});
		assertThat(text(backends.get("/"), "name")).isEqualTo(text(service, "metadata", "name"));
		Map<String, Object> annotations = map(ingress, "metadata", "annotations");
		// a WebSocket is cut after this long without a frame: longer than STOMP
		// heartbeats
		for (String timeout : List.of("proxy-read-timeout", "proxy-send-timeout")) {
			assertThat(Integer.parseInt(String.valueOf(annotations.get("nginx.ingress.kubernetes.io/" + timeout))))
				.as(timeout)
				.isGreaterThanOrEqualTo(60);
		}
		// no sticky sessions: every replica serves every request
		assertThat(annotations).doesNotContainKey("nginx.ingress.kubernetes.io/affinity");
	}

	@Test
	void autoscalerAndDisruptionBudgetTargetTheDeployment() throws IOException {
		Map<String, Object> deployment = deployment();
		Map<String, Object> hpa = only("HorizontalPodAutoscaler");
		assertThat(text(hpa, "spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
		assertThat(text(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(text(deployment, "metadata", "name"));
		assertThat((Integer) value(hpa, "spec", "minReplicas")).isGreaterThanOrEqualTo(2);
		Map<String, Object> pdb = only("PodDisruptionBudget");
		assertThat(map(pdb, "spec", "selector", "matchLabels")).isNotEmpty();
		assertThat(map(deployment, "spec", "template", "metadata", "labels"))
			.containsAllEntriesOf(map(pdb, "spec", "selector", "matchLabels"));
		assertThat((Integer) value(pdb, "spec", "minAvailable"))
			.isLessThan((Integer) value(hpa, "spec", "minReplicas"));
	}

	@Test
	void podsRunAsTheImagesUnprivilegedUserOnAReadOnlyRootFileSystem() throws IOException {
		Map<String, Object> deployment = deployment();
		Map<String, Object> container = container(deployment);
		assertThat(value(deployment, "spec", "template", "spec", "securityContext", "runAsNonRoot")).isEqualTo(true);
		assertThat(value(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
		assertThat(value(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
		assertThat(map(container, "resources", "requests")).containsKeys("cpu", "memory");
		assertThat(map(container, "resources", "limits")).containsKey("memory");
		Matcher user = Pattern.compile("(?m)^USER (\\d+)").matcher(Files.readString(COMPOSE.resolve("Dockerfile")));
		assertThat(user.find()).as("a numeric USER in the Dockerfile").isTrue();
		assertThat(Integer.parseInt(user.group(1))).isPositive()
			.isEqualTo(value(deployment, "spec", "template", "spec", "securityContext", "runAsUser"));
		for (Object reference : list(container, "envFrom")) {
			assertThat(configMap(text(reference, "configMapRef", "name"))).isNotEmpty();
		}
	}

	@Test
	void kubernetesSecretsComeFromSecretsOnly() throws IOException {
		for (Object variable : list(container(deployment()), "env")) {
			String name = text(variable, "name");
			if (looksSecret(name) || name.endsWith("MONGODB_URI")) {
				assertThat(value(variable, "value")).as(name).isNull();
				assertThat(text(variable, "valueFrom", "secretKeyRef", "name")).as(name).isNotBlank();
			}
			else if (value(variable, "value") != null) {
				assertThat(CREDENTIALS_IN_URI.matcher(text(variable, "value")).find()).as(name).isFalse();
			}
		}
		for (Map<String, Object> document : kubernetes()) {
			assertThat(text(document, "kind")).as("no Secret is committed").isNotEqualTo("Secret");
			if ("ConfigMap".equals(text(document, "kind"))) {
				map(document, "data").forEach((name, value) -> {
					assertThat(looksSecret(name)).as(name).isFalse();
					assertThat(CREDENTIALS_IN_URI.matcher(String.valueOf(value)).find()).as(name).isFalse();
				});
			}
		}
	}

	@Test
	void composeSecretsComeFromTheEnvironmentFile() throws IOException {
		Map<String, String> example = environmentFile(COMPOSE.resolve(".env.example"));
		for (Map.Entry<String, Object> service : services().entrySet()) {
			environment(service.getValue()).forEach((name, value) -> {
				String as = service.getKey() + " " + name;
				if (looksSecret(name)) {
					assertThat(value).as(as).matches("\\$\\{[A-Za-z0-9_]+}");
				}
				Matcher credentials = CREDENTIALS_IN_URI.matcher(value);
				while (credentials.find()) {
					assertThat(credentials.group(1)).as(as).matches("\\$\\{[A-Za-z0-9_]+}:\\$\\{[A-Za-z0-9_]+}");
				}
			});
		}
		// every variable the file asks for is in the example, without a default to fall
		// back to
		Matcher interpolation = INTERPOLATION.matcher(Files.readString(COMPOSE.resolve("compose.yaml")));
		while (interpolation.find()) {
			assertThat(example).as(".env.example").containsKey(interpolation.group(1));
			assertThat(interpolation.group(2)).as(interpolation.group()).isEmpty();
		}
		example.forEach((name, value) -> {
			if (looksSecret(name)) {
				assertThat(value).as(name).isEqualTo("change-me");
			}
		});
		String ignored = Files.readString(COMPOSE.resolve(".gitignore"));
		assertThat(ignored.lines()).contains(".env", "secrets/*");
	}

	@Test
	void composeInstancesUseTheReplicaSetAndTheStompBroker() throws IOException {
		Map<String, Object> services = services();
		List<String> mongos = servicesWithImage(services, "mongo:");
		assertThat(mongos).hasSize(3);
		String setName = replicaSetName(services.get(mongos.get(0)));
		for (String mongo : mongos) {
			assertThat(replicaSetName(services.get(mongo))).as(mongo).isEqualTo(setName);
		}
		String initiation = Files.readString(COMPOSE.resolve("mongo/replica-set.js"));
		assertThat(initiation).contains("_id: '" + setName + "'");
		for (String mongo : mongos) {
			assertThat(initiation).contains("host: '" + mongo + ":27017'");
		}
		List<String> brokers = servicesWithImage(services, "rabbitmq:");
		assertThat(brokers).hasSize(1);
		assertThat(enabledPlugins(services.get(brokers.get(0)))).contains("rabbitmq_stomp");

		List<String> instances = instances(services);
		assertThat(instances).hasSize(2);
		for (String instance : instances) {
			Map<String, String> environment = environment(services.get(instance));
			URI uri = URI.create(environment.get("SPRING_MONGODB_URI").replaceAll("\\$\\{[A-Za-z0-9_]+}", "x"));
			assertThat(uri.getScheme()).isEqualTo("mongodb");
			String hosts = uri.getRawAuthority().substring(uri.getRawAuthority().indexOf('@') + 1);
			assertThat(new TreeSet<>(List.of(hosts.split(","))))
				.isEqualTo(new TreeSet<>(mongos.stream().map((mongo) -> mongo + ":27017").toList()));
			assertThat(uri.getQuery()).contains("replicaSet=" + setName);
			assertThat(environment.get("COCON_CHAT_RELAY_HOST")).as(instance).isEqualTo(brokers.get(0));
			assertThat(environment.getOrDefault("COCON_CHAT_RELAY_PORT", "61613")).isEqualTo("61613");
			assertThat(environment.get("COCON_PRIVACY_ENCRYPTION_KEYSET")).as("one keyset for all").isNotBlank();
			assertThat(list(services.get(instance), "ports")).as("reached through the proxy only").isEmpty();
		}
	}

	@Test
	void proxyBalancesBothInstancesAndUpgradesWebSockets() throws IOException {
		Map<String, Object> services = services();
		List<String> proxies = servicesWithImage(services, "nginx:");
		assertThat(proxies).hasSize(1);
		assertThat(strings(list(services.get(proxies.get(0)), "volumes")))
			.anyMatch((volume) -> volume.startsWith("./nginx.conf:/etc/nginx/nginx.conf"));
		String conf = Files.readString(COMPOSE.resolve("nginx.conf")).replaceAll("(?m)#.*$", "");
		String upstream = block(conf, "upstream cocon");
		for (String instance : instances(services)) {
			assertThat(upstream).containsPattern("server\\s+" + instance + ":8080\\b");
		}
		assertThat(upstream).doesNotContainPattern("\\b(ip_hash|hash|sticky)\\b");
		assertThat(conf).containsPattern("map\\s+\\$http_upgrade\\s+\\$connection_upgrade");
		String ws = block(conf, "location /ws");
		assertThat(ws).containsPattern("proxy_pass\\s+http://cocon;");
		assertThat(ws).containsPattern("proxy_set_header\\s+Upgrade\\s+\\$http_upgrade;");
		assertThat(ws).containsPattern("proxy_set_header\\s+Connection\\s+(\\$connection_upgrade|\"?upgrade\"?);");
		assertThat(ws + block(conf, "server")).containsPattern("proxy_http_version\\s+1\\.1;");
	}

	// the compose file

	private static Map<String, Object> services() throws IOException {
		return map(documents(COMPOSE.resolve("compose.yaml")).get(0), "services");
	}

	private static List<String> servicesWithImage(Map<String, Object> services, String prefix) {
		return services.entrySet()
			.stream()
			.filter((service) -> String.valueOf(value(service.getValue(), "image")).startsWith(prefix))
			.map(Map.Entry::getKey)
			.toList();
	}

	/** The services built from the Cocon Dockerfile. */
	private static List<String> instances(Map<String, Object> services) {
		return services.entrySet()
			.stream()
			.filter((service) -> String.valueOf(value(service.getValue(), "build", "dockerfile"))
				.equals("infra/compose/Dockerfile"))
			.map(Map.Entry::getKey)
			.toList();
	}

	private static String replicaSetName(Object mongo) {
		Matcher name = Pattern.compile("--replSet\\s+(\\S+)")
			.matcher(String.join(" ", strings(list(mongo, "entrypoint")))
					+ String.join(" ", strings(list(mongo, "command"))));
		assertThat(name.find()).as("--replSet").isTrue();
		return name.group(1);
	}

	private static String enabledPlugins(Object broker) throws IOException {
		for (String volume : strings(list(broker, "volumes"))) {
			String[] parts = volume.split(":");
			if (parts[1].equals("/etc/rabbitmq/enabled_plugins")) {
				return Files.readString(COMPOSE.resolve(parts[0]));
			}
		}
		return "";
	}

	/** A service's environment in either of compose's two forms (map or list). */
	private static Map<String, String> environment(Object service) {
		Object environment = value(service, "environment");
		Map<String, String> variables = new LinkedHashMap<>();
		if (environment instanceof Map<?, ?> entries) {
			entries.forEach((name, value) -> variables.put(String.valueOf(name), String.valueOf(value)));
		}
		else if (environment instanceof List<?> entries) {
			for (Object entry : entries) {
				String[] parts = String.valueOf(entry).split("=", 2);
				variables.put(parts[0], (parts.length > 1) ? parts[1] : "");
			}
		}
		else if (environment == null && value(service, "env") instanceof List<?> entries) {
			// a Kubernetes container
			for (Object entry : entries) {
				variables.put(text(entry, "name"), String.valueOf(value(entry, "value")));
			}
		}
		return variables;
	}

	private static Map<String, String> environmentFile(Path file) throws IOException {
		Map<String, String> variables = new LinkedHashMap<>();
		for (String line : Files.readAllLines(file)) {
			if (!line.isBlank() && !line.startsWith("#")) {
				String[] parts = line.split("=", 2);
				variables.put(parts[0].trim(), parts[1].trim());
			}
		}
		return variables;
	}

	/** The body of the first nginx block that starts with the given words. */
	private static String block(String conf, String start) {
		Matcher opening = Pattern.compile("(?m)^\\s*" + Pattern.quote(start) + "\\s*\\{").matcher(conf);
		assertThat(opening.find()).as("nginx block '%s'", start).isTrue();
		int depth = 1;
		int at = opening.end();
		while (depth > 0) {
			char character = conf.charAt(at++);
			depth += (character == '{') ? 1 : (character == '}') ? -1 : 0;
		}
		return conf.substring(opening.end(), at - 1);
	}

	// the Kubernetes manifests

	private static List<Map<String, Object>> kubernetes() throws IOException {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Path file : yamlFiles(K8S)) {
			documents.addAll(documents(file));
		}
		return documents;
	}

	private static Map<String, Object> only(String kind) throws IOException {
		List<Map<String, Object>> found = kubernetes().stream()
			.filter((document) -> kind.equals(document.get("kind")))
			.toList();
		assertThat(found).as(kind).hasSize(1);
		return found.get(0);
	}

	private static Map<String, Object> deployment() throws IOException {
		return only("Deployment");
	}

	private static Map<String, Object> configMap(String name) throws IOException {
		return kubernetes().stream()
			.filter((document) -> "ConfigMap".equals(document.get("kind")))
			.filter((document) -> name.equals(text(document, "metadata", "name")))
			.map((document) -> map(document, "data"))
			.findFirst()
			.orElse(Map.of());
	}

	private static Map<String, Object> container(Map<String, Object> deployment) {
		List<Object> containers = list(deployment, "spec", "template", "spec", "containers");
		assertThat(containers).hasSize(1);
		return map(containers.get(0));
	}

	private static int port(Map<String, Object> container, String name) {
		return list(container, "ports").stream()
			.filter((port) -> name.equals(value(port, "name")))
			.map((port) -> (Integer) value(port, "containerPort"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no container port named " + name));
	}

	/** A probe's or Service's port: a number, or the name of a container port. */
	private static int portNumber(Map<String, Object> container, Object port) {
		return (port instanceof Integer number) ? number : port(container, String.valueOf(port));
	}

	/** 8080 from {@code ${PORT:8080}}, or a plain number. */
	private static int defaultOf(String placeholder) {
		Matcher matcher = Pattern.compile("\\$\\{[^:}]+:(\\d+)}|(\\d+)").matcher(placeholder);
		assertThat(matcher.matches()).as(placeholder).isTrue();
		return Integer.parseInt(Objects.requireNonNullElse(matcher.group(1), matcher.group(2)));
	}

	private static boolean looksSecret(String name) {
		return Stream.of(name.toUpperCase().split("[_.\\-]")).anyMatch(SECRET_WORDS::contains);
	}

	// reading YAML

	private static List<Path> yamlFiles(Path folder) throws IOException {
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter((file) -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
				.sorted()
				.toList();
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> documents(Path file) throws IOException {
		List<Map<String, Object>> documents = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(file)) {
			for (Object document : new Yaml().loadAll(reader)) {
				documents.add((Map<String, Object>) document);
			}
		}
		return documents;
	}

	private static Object value(Object node, String... path) {
		Object at = node;
		for (String key : path) {
			if (!(at instanceof Map<?, ?> map)) {
				return null;
			}
			at = map.get(key);
		}
		return at;
	}

	private static String text(Object node, String... path) {
		Object value = value(node, path);
		return (value != null) ? String.valueOf(value) : null;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object node, String... path) {
		Object value = value(node, path);
		return (value instanceof Map<?, ?>) ? (Map<String, Object>) value : Map.of();
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object node, String... path) {
		Object value = value(node, path);
		return (value instanceof List<?>) ? (List<Object>) value : List.of();
	}

	private static List<String> strings(List<Object> values) {
		return values.stream().map(String::valueOf).toList();
	}

}
