package dev.warden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.warden.event.Topics;
import dev.warden.infra.RedisAcl;
import dev.warden.infra.kafka.KafkaAcl;
import dev.warden.infra.kafka.KafkaPrincipals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Docker Compose deployment, checked against the code without a Docker engine: every
 * long-running container has a health check, every {@code WARDEN_*} variable a service is
 * given is one it reads, ports and upstream URLs agree with the services' own
 * configuration, the topics created are the ones the services use, the Kafka ACLs are the
 * code's and each service has its own Kafka user, no secret has a committed value, and
 * the one Dockerfile builds a layered, non-root image.
 */
class ComposeFileTest {

	private static final Path ROOT = Path.of(System.getProperty("warden.root", "..")).toAbsolutePath().normalize();

	private static final Pattern PROPERTIES_PREFIX = Pattern.compile("@ConfigurationProperties\\(\"([a-z0-9.-]+)\"\\)");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(warden\\.[a-z0-9.-]+)");

	private static Map<String, Map<String, Object>> services;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void readComposeFile() throws IOException {
		try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
			Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
			services = (Map<String, Map<String, Object>>) compose.get("services");
		}
	}

	@Test
	void everyLongRunningContainerHasAHealthCheck() {
		services.forEach((name, service) -> {
			if ("no".equals(service.get("restart"))) {
				return; // one-shot init steps finish; others wait for them with
						// service_completed_successfully
			}
			assertThat(map(service, "healthcheck")).as(name).isNotNull();
			assertThat((List<?>) map(service, "healthcheck").get("test")).as(name).isNotEmpty();
			assertThat(service.get("restart")).as(name).isEqualTo("unless-stopped");
		});
	}

	@Test
	void everyServiceOfTheSuiteIsThereBuiltFromTheOneDockerfileWithLimits() {
		for (WardenService warden : WardenService.values()) {
			Map<String, Object> service = services.get(warden.module());
			assertThat(service).as(warden.module()).isNotNull();
			Map<String, Object> build = map(service, "build");
			assertThat(build.get("dockerfile")).isEqualTo("Dockerfile");
			assertThat(map(build, "args").get("MODULE")).isEqualTo(warden.module());
			assertThat(map(map(map(service, "deploy"), "resources"), "limits")).containsKeys("cpus", "memory");
		}
	}

	@Test
	void everyWardenVariableIsOneTheServiceReads() throws IOException {
		for (WardenService warden : WardenService.values()) {
			Set<String> readable = readableVariables(warden.module());
			for (String variable : environment(warden.module()).keySet()) {
				if (variable.startsWith("WARDEN_")) {
					assertThat(readable.stream()
						.anyMatch((known) -> variable.equals(known) || variable.startsWith(known + "_")))
						.as("%s is given %s, which it does not read", warden.module(), variable)
						.isTrue();
				}
			}
		}
	}

	@Test
	void portsAndUpstreamsAgreeWithTheServicesConfiguration() throws IOException {
		for (WardenService warden : WardenService.values()) {
			int managementPort = serverPort(warden.module()) + SuiteOptions.MANAGEMENT_PORT_OFFSET;
			List<?> test = (List<?>) map(services.get(warden.module()), "healthcheck").get("test");
			assertThat(String.join(" ", test.stream().map(String::valueOf).toList())).as(warden.module())
				.contains("http://localhost:" + managementPort + "/actuator/health/readiness");
		}
		Map<String, String> gateway = environment("gateway");
		for (String upstream : List.of("auth-service", "session-service", "token-service", "notification-service",
				"audit-service")) {
			String variable = "WARDEN_UPSTREAM_" + upstream.replace("-service", "").toUpperCase();
			assertThat(gateway.get(variable)).as(variable).isEqualTo("http://" + upstream + ":" + serverPort(upstream));
		}
		assertThat(environment("auth-service").get("WARDEN_UPSTREAM_SESSION"))
			.isEqualTo("http://session-service:" + serverPort("session-service"));
		assertThat((List<?>) services.get("gateway").get("ports"))
			.anySatisfy((mapping) -> assertThat(mapping.toString()).endsWith(":" + serverPort("gateway")));
	}

	@Test
	void healthAndMetricsAreReadOnTheManagementPortsWhichAreNeverPublished() throws IOException {
		String prometheus = Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml"));
		for (WardenService warden : WardenService.values()) {
			int port = serverPort(warden.module());
			int managementPort = port + SuiteOptions.MANAGEMENT_PORT_OFFSET;
			assertThat(prometheus).as(warden.module())
				.containsPattern("names: \\[" + warden.module() + "\\]\\s+type: A\\s+port: " + managementPort)
				.contains("regex: \".*:" + managementPort + "\"\n        target_label: service\n        replacement: "
						+ warden.module());
			Object published = services.get(warden.module()).get("ports");
			assertThat(String.valueOf(published)).as(warden.module()).doesNotContain(String.valueOf(managementPort));
		}
	}

	/**
	 * An alert on a metric nobody registers would never fire: each warden_* series must
	 * come from the code.
	 */
	@Test
	void everyAlertWatchesAMetricTheServicesRegisterAndPrometheusLoadsTheRules() throws IOException {
		String rules = Files.readString(ROOT.resolve("deploy/prometheus/alerts.yml"));
		Map<String, Object> parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(rules);
		assertThat((List<?>) parsed.get("groups")).isNotEmpty();
		java.util.Set<String> registered = new java.util.HashSet<>();
		try (java.util.stream.Stream<Path> sources = Files.walk(ROOT)) {
			for (Path source : sources
				.filter((path) -> path.toString().endsWith(".java") && path.toString().contains("/src/main/"))
				.toList()) {
				java.util.regex.Matcher metric = java.util.regex.Pattern.compile("\"(warden\\.[a-z_.]+)\"")
					.matcher(Files.readString(source));
				while (metric.find()) {
					registered.add(metric.group(1).replace('.', '_') + "_total");
				}
			}
		}
		java.util.regex.Matcher used = java.util.regex.Pattern.compile("warden_[a-z_]+_total").matcher(rules);
		int count = 0;
		while (used.find()) {
			count++;
			assertThat(registered).as("metric of an alert").contains(used.group());
		}
		assertThat(count).isPositive();
		assertThat(Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml")))
			.contains("/etc/prometheus/alerts.yml");
		assertThat(String.valueOf(services.get("prometheus").get("volumes")))
			.contains("./deploy/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
	}

	@Test
	void composeDefaultsToSecureHostPrefixedCookies() throws IOException {
		for (String service : List.of("gateway", "auth-service")) {
			assertThat(environment(service).get("WARDEN_COOKIE_SECURE")).as(service)
				.isEqualTo("${WARDEN_COOKIE_SECURE:-true}");
		}
		assertThat(Files.readString(ROOT.resolve(".env.example"))).containsPattern("(?m)^WARDEN_COOKIE_SECURE=true$");
	}

	@Test
	void kafkaInitCreatesEveryEventTopicAndItsDeadLetterTwinWithOnePartitionCount() {
		String command = String.valueOf(services.get("kafka-init").get("command"));
		for (String topic : Topics.ALL) {
			assertThat(command).contains(topic + " ").contains(Topics.deadLetterOf(topic));
		}
		assertThat(command).containsOnlyOnce("--partitions ");
	}

	/**
	 * The ACLs kafka-init grants are exactly those the code applies to the embedded
	 * broker, so neither drifts.
	 */
	@Test
	void kafkaInitGrantsExactlyTheAclsOfKafkaPrincipals() {
		String command = String.valueOf(services.get("kafka-init").get("command"));
		List<KafkaAcl> granted = new ArrayList<>();
		Matcher allow = Pattern.compile("(?m)^\\s*allow (\\S+) (Read|Write) (.+)$").matcher(command);
		while (allow.find()) {
			List<String> arguments = List.of(allow.group(3).trim().split("\\s+"));
			boolean prefixed = String.join(" ", arguments).contains("--resource-pattern-type prefixed");
			for (int i = 0; i + 1 < arguments.size(); i += 2) {
				KafkaAcl.Resource resource = switch (arguments.get(i)) {
					case "--topic" -> KafkaAcl.Resource.TOPIC;
					case "--group" -> KafkaAcl.Resource.GROUP;
					default -> null;
				};
				if (resource != null) {
					granted.add(new KafkaAcl(allow.group(1), KafkaAcl.Operation.valueOf(allow.group(2).toUpperCase()),
							resource, arguments.get(i + 1), prefixed));
				}
			}
		}
		assertThat(granted).containsExactlyInAnyOrderElementsOf(KafkaPrincipals.serviceAcls());
	}

	/**
	 * One SCRAM user per service, each service given its own password and no one else's,
	 * the admin's to none.
	 */
	@Test
	void eachServiceSignsInToKafkaAsItselfWithItsOwnPassword() {
		String command = String.valueOf(services.get("kafka-init").get("command"));
		Map<String, String> users = new LinkedHashMap<>();
		Matcher user = Pattern.compile("(?m)^\\s*user (\\S+) \"\\$\\$([A-Z_]+)\"$").matcher(command);
		while (user.find()) {
			users.put(user.group(1), user.group(2));
		}
		assertThat(users.keySet()).containsExactlyInAnyOrderElementsOf(
				KafkaPrincipals.SERVICES.stream().map((principal) -> principal.name()).toList());
		for (WardenService warden : WardenService.values()) {
			Map<String, String> env = environment(warden.module());
			String variable = users.get(warden.module());
			assertThat(env.get("WARDEN_KAFKA_PASSWORD")).as(warden.module())
				.isEqualTo("${" + variable + ":?set " + variable + " in .env}");
			assertThat(env).as(warden.module()).doesNotContainKey("WARDEN_KAFKA_USERNAME");
			assertThat(String.valueOf(env)).as(warden.module()).doesNotContain("KAFKA_ADMIN_PASSWORD");
			users.values()
				.stream()
				.filter((other) -> !other.equals(variable))
				.forEach((other) -> assertThat(String.valueOf(env)).as(warden.module()).doesNotContain(other));
		}
	}

	@Test
	void noSecretHasACommittedValue() throws IOException {
		Pattern secret = Pattern.compile(".*(PASSWORD|_KEY|_KEYS)$");
		String example = Files.readString(ROOT.resolve(".env.example"));
		services.forEach((name, service) -> environment(name).forEach((variable, value) -> {
			if (secret.matcher(variable).matches() && !variable.startsWith("WARDEN_SMTP")) {
				assertThat(value).as("%s of %s", variable, name).matches("\\$\\{[A-Z_]+:\\?.+}");
				String source = value.substring(2, value.indexOf(':'));
				assertThat(example).as(source).containsPattern("(?m)^" + source + "=.*CHANGE-ME");
			}
		}));
	}

	@Test
	void theDockerfileBuildsALayeredImageThatRunsAsAnUnprivilegedUser() throws IOException {
		String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
		assertThat(Pattern.compile("(?m)^FROM ").matcher(dockerfile).results().count()).isEqualTo(2);
		assertThat(dockerfile).contains("ARG MODULE")
			.contains("-Djarmode=tools")
			.contains("extract --layers")
			.contains("org.springframework.boot.loader.launch.JarLauncher");
		Matcher user = Pattern.compile("(?m)^USER (\\d+)").matcher(dockerfile);
		assertThat(user.find()).isTrue();
		assertThat(Integer.parseInt(user.group(1))).isPositive();
		// Every module a service may depend on is in the build context (the launcher, the
		// benchmarks and the examples need only their poms).
		Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
		while (module.find()) {
			String name = module.group(1);
			assertThat(dockerfile).as(name)
				.contains("launcher".equals(name) || "bench".equals(name) || name.startsWith("examples/")
						? "COPY " + name + "/pom.xml" : "COPY " + name + "/ " + name + "/");
		}
	}

	/**
	 * The ACL Compose's Redis starts with is RedisAcl's, rule for rule, so the two cannot
	 * drift apart.
	 */
	@Test
	void composeRedisLetsInExactlyTheUsersOfTheCodeWithTheirRules() throws IOException {
		String script = Files.readString(ROOT.resolve("deploy/redis/start-redis.sh"));
		Matcher user = Pattern
			.compile("(?m)^\\s*echo \"user (\\S+) on #\\$\\(hash \"\\$(?:\\(cat [^)]+\\)|([A-Z_]+))\"\\) (.+)\"$")
			.matcher(script);
		Map<String, String> rules = new LinkedHashMap<>();
		Map<String, String> passwordVariables = new LinkedHashMap<>();
		while (user.find()) {
			rules.put(user.group(1), user.group(3));
			if (user.group(2) != null) {
				passwordVariables.put(user.group(1), user.group(2));
			}
		}
		Map<String, String> expected = new LinkedHashMap<>();
		expected.put(RedisAcl.HEALTHCHECK.name(), RedisAcl.HEALTHCHECK.permissions());
		RedisAcl.SERVICES.forEach((service) -> expected.put(service.name(), service.permissions()));
		assertThat(rules).isEqualTo(expected);
		assertThat(script).containsPattern("(?m)^\\s*echo \"" + Pattern.quote(RedisAcl.DEFAULT_USER_OFF) + "\"$")
			.contains("redis-server --aclfile");
		Map<String, String> redis = environment("redis");
		for (WardenService service : RedisPasswords.services()) {
			String variable = RedisPasswords.variable(service);
			assertThat(passwordVariables.get(service.module())).as(service.module()).isEqualTo(variable);
			assertThat(redis.get(variable)).as(variable).startsWith("${" + variable + ":?");
		}
		assertThat(String.valueOf(services.get("redis").get("entrypoint"))).contains("/etc/warden/start-redis.sh");
		assertThat(String.valueOf(services.get("redis").get("volumes")))
			.contains("./deploy/redis/start-redis.sh:/etc/warden/start-redis.sh:ro");
		assertThat(String.valueOf(map(services.get("redis"), "healthcheck").get("test")))
			.contains("--user " + RedisAcl.HEALTHCHECK.name());
	}

	/**
	 * A service taken over holds one Redis password, its own; token- and audit-service
	 * hold none.
	 */
	@Test
	void eachServiceIsGivenOnlyItsOwnRedisPassword() throws IOException {
		for (WardenService service : WardenService.values()) {
			Map<String, String> env = environment(service.module());
			if (RedisPasswords.services().contains(service)) {
				String variable = RedisPasswords.variable(service);
				assertThat(env.get("WARDEN_REDIS_PASSWORD")).as(service.module())
					.isEqualTo("${" + variable + ":?set " + variable + " in .env}");
				assertThat(env.getOrDefault("WARDEN_REDIS_USERNAME", service.module())).isEqualTo(service.module());
			}
			else {
				assertThat(env.keySet()).as(service.module()).noneMatch((name) -> name.startsWith("WARDEN_REDIS"));
				assertThat(Files.readString(ROOT.resolve(service.module() + "/src/main/resources/application.yml")))
					.as("%s's readiness", service.module())
					.doesNotContain("redis");
			}
			assertThat(env.values()).as(service.module())
				.noneMatch((value) -> value.contains("_REDIS_PASSWORD")
						&& !value.contains(RedisPasswords.variable(service)));
		}
	}

	// ------------------------------------------------------------------ helpers

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		return (Map<String, Object>) parent.get(key);
	}

	private static Map<String, String> environment(String service) {
		Map<String, String> env = new LinkedHashMap<>();
		Map<String, Object> declared = map(services.get(service), "environment");
		if (declared != null) {
			declared.forEach((key, value) -> env.put(key, String.valueOf(value)));
		}
		return env;
	}

	static int serverPort(String module) throws IOException {
		String yaml = Files.readString(ROOT.resolve(module + "/src/main/resources/application.yml"));
		Matcher port = Pattern.compile("(?m)^server:\\s*\\n\\s+port:\\s*(\\d+)").matcher(yaml);
		assertThat(port.find()).as(module + " server.port").isTrue();
		return Integer.parseInt(port.group(1));
	}

	/**
	 * The environment variables a module binds, as Spring Boot's relaxed binding spells
	 * them: the components of its {@code @ConfigurationProperties} records, and every
	 * {@code ${warden...}} placeholder in its settings (and those of service-support,
	 * when it uses it). A nested record's variables start with its component's.
	 */
	static Set<String> readableVariables(String module) throws IOException {
		List<Path> roots = new ArrayList<>(List.of(ROOT.resolve(module)));
		if (Files.readString(ROOT.resolve(module + "/pom.xml")).contains("<artifactId>service-support</artifactId>")) {
			roots.add(ROOT.resolve("service-support"));
		}
		Set<String> variables = new TreeSet<>();
		for (Path root : roots) {
			try (Stream<Path> files = Files.walk(root.resolve("src/main"))) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					String text = Files.readString(file);
					Matcher placeholder = PLACEHOLDER.matcher(text);
					while (placeholder.find()) {
						variables.add(environmentName(placeholder.group(1)));
					}
					Matcher prefix = PROPERTIES_PREFIX.matcher(text);
					if (file.toString().endsWith(".java") && prefix.find()) {
						for (String component : recordComponents(text, prefix.end())) {
							variables.add(environmentName(prefix.group(1)) + "_" + component.toUpperCase());
						}
					}
				}
			}
		}
		return variables;
	}

	private static String environmentName(String property) {
		return property.replace("-", "").replace('.', '_').toUpperCase();
	}

	/** The component names of the first record declared after {@code from}. */
	static List<String> recordComponents(String source, int from) {
		int start = source.indexOf('(', source.indexOf(" record ", from));
		int depth = 0;
		StringBuilder current = new StringBuilder();
		List<String> parameters = new ArrayList<>();
		for (int i = start + 1; i < source.length(); i++) {
			char c = source.charAt(i);
			if (c == '(' || c == '<') {
				depth++;
			}
			else if ((c == ')' || c == '>') && depth > 0) {
				depth--;
			}
			else if (c == ')') {
				parameters.add(current.toString());
				break;
			}
			else if (c == ',' && depth == 0) {
				parameters.add(current.toString());
				current.setLength(0);
				continue;
			}
			current.append(c);
		}
		return parameters.stream()
			.map(String::strip)
			.filter((parameter) -> !parameter.isEmpty())
			.map((parameter) -> parameter.substring(parameter.lastIndexOf(' ') + 1))
			.toList();
	}

}
