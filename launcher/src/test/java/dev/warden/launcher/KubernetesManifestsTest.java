package dev.warden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.warden.event.Topics;
import dev.warden.infra.kafka.KafkaAcl;
import dev.warden.infra.kafka.KafkaPrincipals;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code deploy/kubernetes}, checked against the code without a cluster: every overlay
 * renders (as {@code kubectl kustomize} does, compared with it where kubectl is
 * installed), every object loads strictly into fabric8's Kubernetes model (a misspelt
 * field fails) and is taken by fabric8's mock API server, and the invariants hold —
 * variables each service reads, probes and ports, images, the security context, the
 * NetworkPolicy graph equal to the contract's call graph, topics and Kafka ACLs equal to
 * the code's, no Secret value committed.
 */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = KubernetesManifestsTest.Http11.class)
@SuppressWarnings("unchecked")
class KubernetesManifestsTest {

	private static final Path ROOT = Path.of(System.getProperty("warden.root", "..")).toAbsolutePath().normalize();

	private static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");

	private static final List<String> OVERLAYS = List.of("external", "operators", "observability");

	private static final String NAME = "app.kubernetes.io/name";

	/** Set by the mock API server extension. */
	static KubernetesClient client;

	private static Map<String, List<Map<String, Object>>> rendered;

	@BeforeAll
	static void render() throws IOException {
		rendered = new LinkedHashMap<>();
		rendered.put("base", Kustomization.render(KUBERNETES.resolve("base")));
		for (String overlay : OVERLAYS) {
			rendered.put(overlay, Kustomization.render(KUBERNETES.resolve("overlays").resolve(overlay)));
		}
	}

	@Test
	void everyOverlayRendersAsKubectlKustomizeRendersIt() throws Exception {
		for (String overlay : OVERLAYS) {
			List<Map<String, Object>> kubectl = Kustomization.kubectl(KUBERNETES.resolve("overlays").resolve(overlay));
			if (kubectl == null) {
				System.out.println("kubectl is not installed: " + overlay + " rendered by the test alone");
				continue;
			}
			assertThat(byIdentity(rendered.get(overlay))).as(overlay).isEqualTo(byIdentity(kubectl));
		}
		assertThat(rendered.get("external")).as("the external overlay holds the base").hasSizeGreaterThan(40);
	}

	@Test
	void everyObjectLoadsStrictlyIntoTheKubernetesModel() {
		KubernetesSerialization serialization = new KubernetesSerialization();
		List<String> problems = new ArrayList<>();
		rendered.forEach((overlay, objects) -> {
			for (Map<String, Object> object : objects) {
				String json = serialization.asJson(object);
				Object loaded = serialization.unmarshal(json);
				String where = overlay + " " + object.get("kind") + "/" + name(object);
				if (loaded instanceof GenericKubernetesResource) {
					// A custom resource (CloudNativePG, Strimzi, Prometheus Operator): no
					// model to
					// hold it to, only its kind.
					assertThat(CUSTOM_KINDS).as(where).contains(object.get("apiVersion") + " " + object.get("kind"));
					continue;
				}
				unknownFields(loaded, where, problems, new IdentityHashMap<>());
			}
		});
		assertThat(problems).as("fields the Kubernetes model does not know").isEmpty();
	}

	private static final Set<String> CUSTOM_KINDS = Set.of("postgresql.cnpg.io/v1 Cluster",
			"postgresql.cnpg.io/v1 Database", "kafka.strimzi.io/v1 Kafka", "kafka.strimzi.io/v1 KafkaNodePool",
			"kafka.strimzi.io/v1 KafkaTopic", "kafka.strimzi.io/v1 KafkaUser",
			"monitoring.coreos.com/v1 ServiceMonitor", "monitoring.coreos.com/v1 PrometheusRule");

	@Test
	void theMockApiServerTakesEveryObjectOfEachOverlay() {
		for (String overlay : List.of("external", "operators")) {
			List<Map<String, Object>> objects = new ArrayList<>(rendered.get(overlay));
			objects.addAll(rendered.get("observability"));
			KubernetesSerialization serialization = client.getKubernetesSerialization();
			for (Map<String, Object> object : objects) {
				Object loaded = serialization.unmarshal(serialization.asJson(object));
				if (loaded instanceof GenericKubernetesResource custom) {
					client.genericKubernetesResources(context(custom)).inNamespace("warden").resource(custom).create();
				}
				else {
					client.resource((HasMetadata) loaded).inNamespace("warden").create();
				}
			}
			assertThat(client.apps().deployments().inNamespace("warden").list().getItems()).as(overlay)
				.extracting((deployment) -> deployment.getMetadata().getName())
				.containsExactlyInAnyOrderElementsOf(modules());
			assertThat(client.network().v1().networkPolicies().inNamespace("warden").list().getItems()).as(overlay)
				.hasSizeGreaterThanOrEqualTo(WardenService.values().length + 2);
			client.namespaces().withName("warden").delete();
			for (Map<String, Object> object : objects) {
				Object loaded = serialization.unmarshal(serialization.asJson(object));
				if (loaded instanceof GenericKubernetesResource custom) {
					client.genericKubernetesResources(context(custom)).inNamespace("warden").resource(custom).delete();
				}
				else {
					client.resource((HasMetadata) loaded).inNamespace("warden").delete();
				}
			}
		}
	}

	@Test
	void eachServiceHasItsPodsAddressIdentityBudgetAndRules() {
		List<Map<String, Object>> base = rendered.get("base");
		for (String module : modules()) {
			for (String kind : List.of("ServiceAccount", "ConfigMap", "Deployment", "Service", "PodDisruptionBudget",
					"NetworkPolicy")) {
				assertThat(find(base, kind, module)).as(kind + " " + module).isNotNull();
			}
			assertThat(find(base, "ServiceAccount", module).get("automountServiceAccountToken")).as(module)
				.isEqualTo(false);
			Map<String, Object> service = find(base, "Service", module);
			// Headless behind callers that balance over every pod; the gateway's address
			// is
			// the ingress' backend.
			assertThat(at(service, "spec", "clusterIP")).as(module).isEqualTo("gateway".equals(module) ? null : "None");
		}
		for (String module : List.of("gateway", "session-service", "token-service")) {
			Map<String, Object> autoscaler = find(base, "HorizontalPodAutoscaler", module);
			assertThat(autoscaler).as(module).isNotNull();
			int most = ((Number) at(autoscaler, "spec", "maxReplicas")).intValue();
			if (!"gateway".equals(module)) {
				assertThat(most).as("%s: more replicas than partitions would idle", module).isEqualTo(PARTITIONS);
			}
			assertThat(find(base, "Deployment", module).get("spec")).as(module + ": the autoscaler sets replicas")
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.doesNotContainKey("replicas");
		}
	}

	private static final int PARTITIONS = 6;

	@Test
	void podsRunUnprivilegedOnAReadOnlyRootWithProbesOnTheManagementPort() throws IOException {
		String version = projectVersion();
		for (String module : modules()) {
			Map<String, Object> pod = pod(module);
			assertThat(pod.get("automountServiceAccountToken")).as(module).isEqualTo(false);
			assertThat(at(pod, "securityContext", "runAsNonRoot")).as(module).isEqualTo(true);
			assertThat(at(pod, "securityContext", "runAsUser")).as(module).isEqualTo(10001);
			assertThat(at(pod, "securityContext", "seccompProfile", "type")).as(module).isEqualTo("RuntimeDefault");
			assertThat(String.valueOf(pod.get("topologySpreadConstraints"))).as(module)
				.contains("topologyKey=kubernetes.io/hostname");
			Map<String, Object> container = container(module);
			assertThat(container.get("image")).as(module).isEqualTo("warden/" + module + ":" + version);
			assertThat(at(container, "securityContext", "readOnlyRootFilesystem")).as(module).isEqualTo(true);
			assertThat(at(container, "securityContext", "allowPrivilegeEscalation")).as(module).isEqualTo(false);
			assertThat(at(container, "securityContext", "capabilities", "drop")).as(module).isEqualTo(List.of("ALL"));
			assertThat(String.valueOf(container.get("volumeMounts"))).as(module).contains("mountPath=/tmp");
			assertThat(String.valueOf(pod.get("volumes"))).as(module).contains("name=tmp, emptyDir=");
			assertThat(at(container, "resources", "requests", "memory")).as(module).isNotNull();
			assertThat(at(container, "resources", "limits", "memory")).as(module).isNotNull();
			int port = ComposeFileTest.serverPort(module);
			Map<String, Integer> ports = new TreeMap<>();
			for (Map<String, Object> declared : list(container.get("ports"))) {
				ports.put(String.valueOf(declared.get("name")), ((Number) declared.get("containerPort")).intValue());
			}
			assertThat(ports).as(module)
				.isEqualTo(Map.of("http", port, "management", port + SuiteOptions.MANAGEMENT_PORT_OFFSET));
			assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
			for (String probe : List.of("livenessProbe", "startupProbe")) {
				assertThat(at(container, probe, "httpGet", "path")).as(module + " " + probe)
					.isEqualTo("/actuator/health/liveness");
			}
			for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
				assertThat(at(container, probe, "httpGet", "port")).as(module + " " + probe).isEqualTo("management");
			}
			Map<String, Object> service = find(rendered.get("base"), "Service", module);
			assertThat(String.valueOf(at(service, "spec", "ports"))).as(module)
				.contains("name=http, port=" + port + ", targetPort=http")
				.contains("name=management, port=" + (port + SuiteOptions.MANAGEMENT_PORT_OFFSET));
		}
	}

	@Test
	void everyWardenVariableIsOneTheServiceReadsAndSecretsComeOnlyByReference() throws Exception {
		Map<String, NewSecrets.Secret> secrets = NewSecrets.kubernetes(true)
			.stream()
			.collect(Collectors.toMap(NewSecrets.Secret::name, (secret) -> secret));
		Pattern secretLike = Pattern.compile(".*(PASSWORD|_KEY|_KEYS)$");
		for (String module : modules()) {
			Set<String> readable = ComposeFileTest.readableVariables(module);
			Map<String, Object> container = container(module);
			Set<String> given = new TreeSet<>();
			Map<String, Object> config = find(rendered.get("base"), "ConfigMap", module);
			given.addAll(((Map<String, Object>) config.get("data")).keySet());
			for (Map<String, Object> variable : list(container.get("env"))) {
				String name = String.valueOf(variable.get("name"));
				given.add(name);
				assertThat(variable).as("%s %s comes from a reference, never a value", module, name)
					.doesNotContainKey("value");
				Map<String, Object> secretRef = (Map<String, Object>) at(variable, "valueFrom", "secretKeyRef");
				if (secretRef != null && !Boolean.TRUE.equals(secretRef.get("optional"))) {
					NewSecrets.Secret secret = secrets.get(String.valueOf(secretRef.get("name")));
					assertThat(secret).as("%s: Secret %s", module, secretRef.get("name")).isNotNull();
					assertThat(secret.data()).as(module).containsKey(String.valueOf(secretRef.get("key")));
				}
			}
			List<Map<String, Object>> from = list(container.get("envFrom"));
			assertThat(from).as(module)
				.extracting((source) -> String.valueOf(source.get("configMapRef")) + source.get("secretRef"))
				.containsExactly("{name=" + module + "}null", "null{name=warden-" + module + "}");
			given.addAll(secrets.get("warden-" + module).data().keySet());
			for (String variable : given) {
				if (variable.startsWith("WARDEN_")) {
					assertThat(readable.stream()
						.anyMatch((known) -> variable.equals(known) || variable.startsWith(known + "_")))
						.as("%s is given %s, which it does not read", module, variable)
						.isTrue();
				}
			}
			((Map<String, Object>) config.get("data")).forEach(
					(key, value) -> assertThat(key).as("%s: a secret in a ConfigMap", module).doesNotMatch(secretLike));
		}
		rendered.forEach((overlay, objects) -> assertThat(objects).as(overlay)
			.noneSatisfy((object) -> assertThat(object.get("kind")).isEqualTo("Secret")));
		try (Stream<Path> files = Files.walk(KUBERNETES)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				assertThat(Files.readString(file)).as(file.toString())
					.doesNotContain("stringData")
					.doesNotContainPattern("\"kty\"\\s*:")
					.doesNotContainPattern("(?m)^\\s*password:\\s*\\S");
			}
		}
	}

	@Test
	void eachServiceIsToldWhereTheOthersAndItsStoresAre() throws IOException {
		Map<String, Object> gateway = data("gateway");
		for (String module : modules()) {
			if ("gateway".equals(module)) {
				continue;
			}
			String variable = "WARDEN_UPSTREAM_" + module.replace("-service", "").toUpperCase();
			assertThat(gateway.get(variable)).as(variable)
				.isEqualTo("http://" + module + ":" + ComposeFileTest.serverPort(module));
			assertThat(data(module).get("WARDEN_IDENTITY_JWKS")).as(module)
				.isEqualTo("http://gateway:" + ComposeFileTest.serverPort("gateway") + "/.well-known/jwks.json");
		}
		assertThat(gateway.get("WARDEN_UPSTREAM_LOADBALANCE")).isEqualTo("true");
		assertThat(String.valueOf(gateway.get("WARDEN_GATEWAY_TRUSTEDPROXIES"))).isNotBlank();
		assertThat(data("auth-service").get("WARDEN_UPSTREAM_SESSION"))
			.isEqualTo("http://session-service:" + ComposeFileTest.serverPort("session-service"));
		// Each gateway replica its own consumer group, named after its pod.
		assertThat(list(container("gateway").get("env")))
			.anySatisfy((variable) -> assertThat(variable).containsEntry("name", "WARDEN_GATEWAY_INSTANCE")
				.containsEntry("valueFrom", Map.of("fieldRef", Map.of("fieldPath", "metadata.name"))));
		Map<String, Object> ingress = find(rendered.get("base"), "Ingress", "gateway");
		assertThat(String.valueOf(ingress)).contains("service={name=gateway, port={name=http}}").contains("tls=");
		for (String overlay : List.of("external", "operators")) {
			Map<String, Object> infrastructure = (Map<String, Object>) find(rendered.get(overlay), "ConfigMap",
					"warden-infrastructure")
				.get("data");
			for (String module : modules()) {
				for (Map<String, Object> variable : list(container(module).get("env"))) {
					Object key = at(variable, "valueFrom", "configMapKeyRef", "key");
					if (key != null) {
						assertThat(infrastructure).as("%s: %s for %s", overlay, key, module).containsKey((String) key);
					}
				}
			}
		}
	}

	/**
	 * The network graph is the contract's: the gateway routes to every service, each
	 * internal endpoint's {@code @CalledBy} names who else calls it, every service reads
	 * the gateway's key set, and only the gateway is reached from outside.
	 */
	@Test
	void theNetworkPoliciesAllowExactlyTheContractsCalls() throws IOException {
		Map<String, Set<String>> expected = new TreeMap<>();
		for (String module : modules()) {
			expected.put(module, new TreeSet<>());
		}
		for (String module : modules()) {
			if ("gateway".equals(module)) {
				continue;
			}
			expected.get(module).add("gateway");
			expected.get("gateway").add(module); // the gateway's key set
			for (String caller : calledBy(module)) {
				expected.get(module).add(caller);
			}
		}
		Map<String, Set<String>> allowedIn = new TreeMap<>();
		Map<String, Set<String>> allowedOut = new TreeMap<>();
		for (String module : modules()) {
			Map<String, Object> policy = find(rendered.get("base"), "NetworkPolicy", module);
			assertThat(at(policy, "spec", "podSelector", "matchLabels", NAME)).isEqualTo(module);
			assertThat(at(policy, "spec", "policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
			Set<String> in = new TreeSet<>();
			for (Map<String, Object> rule : list(at(policy, "spec", "ingress"))) {
				for (Map<String, Object> peer : list(rule.get("from"))) {
					Object caller = at(peer, "podSelector", "matchLabels", NAME);
					Object namespace = at(peer, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name");
					String port = String.valueOf(list(rule.get("ports")).get(0).get("port"));
					if (caller != null) {
						assertThat(port).as(module + " from " + caller).isEqualTo("http");
						in.add((String) caller);
					}
					else if ("ingress-nginx".equals(namespace)) {
						assertThat(module).as("only the gateway is reached from outside").isEqualTo("gateway");
						assertThat(port).isEqualTo("http");
					}
					else {
						assertThat(namespace).as(module).isEqualTo("monitoring");
						assertThat(port).as(module + ": Prometheus reads the management port only")
							.isEqualTo("management");
					}
				}
			}
			allowedIn.put(module, in);
			Set<String> out = new TreeSet<>();
			for (Map<String, Object> rule : list(at(policy, "spec", "egress"))) {
				String callee = String.valueOf(at(list(rule.get("to")).get(0), "podSelector", "matchLabels", NAME));
				assertThat(list(rule.get("ports")).get(0).get("port")).as(module + " to " + callee)
					.isEqualTo(ComposeFileTest.serverPort(callee));
				out.add(callee);
			}
			allowedOut.put(module, out);
		}
		assertThat(allowedIn).as("who may call each service").isEqualTo(expected);
		Map<String, Set<String>> calls = new TreeMap<>();
		modules().forEach((module) -> calls.put(module, new TreeSet<>()));
		expected.forEach((callee, callers) -> callers.forEach((caller) -> calls.get(caller).add(callee)));
		assertThat(allowedOut).as("whom each service may call").isEqualTo(calls);
		Map<String, Object> deny = find(rendered.get("base"), "NetworkPolicy", "warden-default-deny");
		assertThat(at(deny, "spec", "policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
		assertThat(at(deny, "spec")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.doesNotContainKeys("ingress", "egress");
	}

	@Test
	void theOperatorsKafkaHasTheCodesTopicsAndExactlyItsAcls() {
		List<Map<String, Object>> operators = rendered.get("operators");
		Map<String, Integer> topics = new TreeMap<>();
		List<KafkaAcl> acls = new ArrayList<>();
		for (Map<String, Object> object : operators) {
			if ("KafkaTopic".equals(object.get("kind"))) {
				topics.put((String) at(object, "spec", "topicName"), (Integer) at(object, "spec", "partitions"));
			}
			if ("KafkaUser".equals(object.get("kind"))) {
				assertThat(at(object, "spec", "authentication", "type")).isEqualTo("scram-sha-512");
				for (Map<String, Object> acl : list(at(object, "spec", "authorization", "acls"))) {
					for (Object operation : (List<?>) acl.get("operations")) {
						acls.add(new KafkaAcl(name(object),
								KafkaAcl.Operation.valueOf(String.valueOf(operation).toUpperCase()),
								KafkaAcl.Resource.valueOf(String.valueOf(at(acl, "resource", "type")).toUpperCase()),
								(String) at(acl, "resource", "name"),
								"prefix".equals(at(acl, "resource", "patternType"))));
					}
				}
			}
		}
		Map<String, Integer> wanted = new TreeMap<>();
		for (String topic : List.of(Topics.AUTH_EVENTS, Topics.SESSION_EVENTS, Topics.TOKEN_EVENTS)) {
			wanted.put(topic, PARTITIONS);
			wanted.put(topic + "-dlt", PARTITIONS);
		}
		assertThat(topics).isEqualTo(wanted);
		assertThat(acls).containsExactlyInAnyOrderElementsOf(KafkaPrincipals.serviceAcls());
		Map<String, Object> kafka = find(operators, "Kafka", "warden-kafka");
		assertThat(String.valueOf(at(kafka, "spec", "kafka", "listeners"))).contains("type=scram-sha-512")
			.contains("port=9092");
		assertThat(at(kafka, "spec", "kafka", "authorization", "type")).isEqualTo("simple");
	}

	@Test
	void theOperatorsDatabasesAndRedisAreTheServicesOwn() throws Exception {
		List<Map<String, Object>> operators = rendered.get("operators");
		for (String module : List.of("auth-service", "token-service", "audit-service")) {
			String login = String.valueOf(data(module).get("WARDEN_POSTGRES_USERNAME"));
			assertThat(data(module).get("WARDEN_POSTGRES_DATABASE")).isEqualTo(login);
			Map<String, Object> database = find(operators, "Database", login);
			assertThat(at(database, "spec", "owner")).as(module).isEqualTo(login);
			assertThat(String.valueOf(at(find(operators, "Cluster", "warden-postgres"), "spec", "managed", "roles")))
				.contains(
						"name=" + login + ", ensure=present, login=true, passwordSecret={name=postgres-" + login + "}");
		}
		Map<String, Object> script = find(operators, "ConfigMap", "redis-start");
		assertThat(at(script, "data", "start-redis.sh")).as("the same start script as Docker Compose")
			.isEqualTo(Files.readString(ROOT.resolve("deploy/redis/start-redis.sh")));
		assertThat(NewSecrets.kubernetes(false).stream().map(NewSecrets.Secret::name))
			.contains("redis-users", "postgres-auth", "postgres-tokens", "postgres-audit")
			.doesNotContain("gateway", "auth-service");
	}

	@Test
	void theObservabilityOverlayCarriesTheComposeAlertsAndDashboard() throws IOException {
		List<Map<String, Object>> observability = rendered.get("observability");
		Map<String, Object> rules = find(observability, "PrometheusRule", "warden");
		assertThat(rules.get("spec"))
			.isEqualTo(Kustomization.load(ROOT.resolve("deploy/prometheus/alerts.yml")).get(0));
		Map<String, Object> dashboard = find(observability, "ConfigMap", "warden-dashboard");
		assertThat(at(dashboard, "data", "warden-overview.json"))
			.isEqualTo(Files.readString(ROOT.resolve("deploy/grafana/dashboards/warden-overview.json")));
		Map<String, Object> monitor = find(observability, "ServiceMonitor", "warden");
		assertThat(String.valueOf(at(monitor, "spec", "endpoints"))).contains("port=management")
			.contains("path=/actuator/prometheus")
			.contains("replacement=warden");
	}

	/**
	 * The mock API server speaks HTTP/1.1 only; the JDK's client would offer h2c first.
	 */
	public static final class Http11
			implements java.util.function.Consumer<io.fabric8.kubernetes.client.KubernetesClientBuilder> {

		@Override
		public void accept(io.fabric8.kubernetes.client.KubernetesClientBuilder builder) {
			builder.withHttpClientBuilderConsumer((http) -> http.preferHttp11());
		}

	}

	// What the code says.

	private static List<String> modules() {
		return Stream.of(WardenService.values()).map(WardenService::module).toList();
	}

	/**
	 * Who besides the gateway calls the module's internal endpoints ({@code @CalledBy}).
	 */
	private static Set<String> calledBy(String module) throws IOException {
		Set<String> callers = new TreeSet<>();
		Pattern calledBy = Pattern.compile("@CalledBy\\(\\{?([^)]*)\\}?\\)");
		try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				Matcher annotation = calledBy.matcher(Files.readString(file));
				while (annotation.find()) {
					for (String constant : annotation.group(1).split(",")) {
						String name = constant.strip().replace("InternalCallProperties.", "");
						callers.add(switch (name) {
							case "GATEWAY" -> "gateway";
							case "AUTH_SERVICE" -> "auth-service";
							default -> throw new IllegalStateException(file + ": caller " + name);
						});
					}
				}
			}
		}
		return callers;
	}

	private static String projectVersion() throws IOException {
		Matcher version = Pattern.compile("<artifactId>warden</artifactId>\\s*<version>([^<]+)</version>")
			.matcher(Files.readString(ROOT.resolve("pom.xml")));
		assertThat(version.find()).isTrue();
		return version.group(1).replace("-SNAPSHOT", "");
	}

	// Reading the rendered objects.

	private static Map<String, Object> pod(String module) {
		return (Map<String, Object>) at(find(rendered.get("base"), "Deployment", module), "spec", "template", "spec");
	}

	private static Map<String, Object> container(String module) {
		List<Map<String, Object>> containers = list(pod(module).get("containers"));
		assertThat(containers).as(module).hasSize(1);
		return containers.get(0);
	}

	private static Map<String, Object> data(String module) {
		return (Map<String, Object>) find(rendered.get("base"), "ConfigMap", module).get("data");
	}

	private static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
		return objects.stream()
			.filter((object) -> kind.equals(object.get("kind")) && name.equals(name(object)))
			.findFirst()
			.orElse(null);
	}

	private static String name(Map<String, Object> object) {
		return String.valueOf(((Map<String, Object>) object.get("metadata")).get("name"));
	}

	private static Object at(Object root, String... path) {
		Object current = root;
		for (String key : path) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return current;
	}

	private static List<Map<String, Object>> list(Object value) {
		return value == null ? List.of() : (List<Map<String, Object>>) value;
	}

	private static Map<String, Map<String, Object>> byIdentity(List<Map<String, Object>> objects) {
		Map<String, Map<String, Object>> identified = new TreeMap<>();
		for (Map<String, Object> object : objects) {
			identified.put(object.get("apiVersion") + " " + object.get("kind") + " " + name(object), object);
		}
		assertThat(identified).as("one object per kind and name").hasSize(objects.size());
		return identified;
	}

	private static ResourceDefinitionContext context(GenericKubernetesResource custom) {
		String apiVersion = custom.getApiVersion();
		String kind = custom.getKind();
		return new ResourceDefinitionContext.Builder().withGroup(apiVersion.substring(0, apiVersion.indexOf('/')))
			.withVersion(apiVersion.substring(apiVersion.indexOf('/') + 1))
			.withKind(kind)
			.withPlural(kind.toLowerCase() + "s")
			.withNamespaced(true)
			.build();
	}

	/**
	 * Collects every field the model put aside as unknown ({@code additionalProperties}),
	 * anywhere in the object.
	 */
	private static void unknownFields(Object value, String where, List<String> problems,
			IdentityHashMap<Object, Boolean> seen) {
		if (value == null || seen.put(value, Boolean.TRUE) != null) {
			return;
		}
		if (value instanceof Collection<?> values) {
			values.forEach((each) -> unknownFields(each, where, problems, seen));
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.values().forEach((each) -> unknownFields(each, where, problems, seen));
			return;
		}
		if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
			return;
		}
		for (Method getter : value.getClass().getMethods()) {
			if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
					|| getter.getDeclaringClass() == Object.class) {
				continue;
			}
			Object field;
			try {
				field = getter.invoke(value);
			}
			catch (ReflectiveOperationException ex) {
				continue;
			}
			if ("getAdditionalProperties".equals(getter.getName())) {
				if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
					problems.add(where + ": " + value.getClass().getSimpleName() + " " + extra.keySet());
				}
				continue;
			}
			unknownFields(field, where, problems, seen);
		}
	}

}
