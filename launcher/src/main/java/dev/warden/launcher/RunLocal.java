package dev.warden.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import dev.warden.infra.InfrastructureSettings;
import dev.warden.infra.InfrastructureSettings.Component;

/**
 * {@code ./run-local.sh}: the whole suite on embedded infrastructure, until Ctrl-C. Data
 * persists in {@code ./data} unless {@code --fresh}; any piece of infrastructure given
 * through its {@code WARDEN_*} variable is used instead of the embedded one.
 */
public final class RunLocal {

	private RunLocal() {
	}

	public static void main(String[] args) throws Exception {
		List<String> arguments = List.of(args);
		if (arguments.contains("--help") || arguments.contains("-h")) {
			System.out.println("""
					Usage: ./run-local.sh [--fresh] [--scale SERVICE=N ...]
					  --fresh            delete ./data (databases, Kafka log, captured mails, logs) before starting
					  --scale SERVICE=N  run N replicas (1-6) of a service, each in its own JVM on its own ports
					                     (the first on the service's port, the next ones 100 above each other:
					                     --scale session-service=2 --scale gateway=2 adds :8182 and :8180)
					Services: gateway, auth-service, session-service, token-service, notification-service,
					audit-service.
					Environment: see the configuration table in docs/configuration.md (WARDEN_*).""");
			return;
		}
		Map<String, String> env = System.getenv();
		Path root = Path.of(System.getProperty("warden.root", ".")).toAbsolutePath().normalize();
		Path data = Path.of(env.getOrDefault("WARDEN_DATA_DIR", root.resolve("data").toString())).toAbsolutePath();
		if (!arguments.isEmpty() && "admin".equals(arguments.get(0))) {
			System.exit(breakGlass(root, data, arguments));
		}
		Map<WardenService, Integer> replicas;
		try {
			replicas = scale(arguments);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage() + " (./run-local.sh --help)");
			System.exit(2);
			return;
		}
		if (arguments.contains("--fresh")) {
			deleteRecursively(data);
		}
		Files.createDirectories(data);

		Set<Component> embedded = EnumSet.allOf(Component.class);
		removeIfExternal(embedded, Component.POSTGRES, env, "WARDEN_POSTGRES_URL");
		removeIfExternal(embedded, Component.REDIS, env, "WARDEN_REDIS_URL");
		removeIfExternal(embedded, Component.KAFKA, env, "WARDEN_KAFKA_BOOTSTRAP");
		removeIfExternal(embedded, Component.SMTP, env, "WARDEN_SMTP_HOST");
		InfrastructureSettings infrastructure = InfrastructureSettings.local(embedded, data)
			.withPorts(port(env, "WARDEN_POSTGRES_PORT", 15432), port(env, "WARDEN_REDIS_PORT", 16379),
					port(env, "WARDEN_KAFKA_PORT", 19092), port(env, "WARDEN_SMTP_PORT", 2525))
			.withRedisPasswords(RedisPasswords.kept(env, data))
			// Kept, like the Kafka log they are written into; each service is handed only
			// its own.
			.withKafkaCredentials(KeptSecrets.kafkaCredentials(data));

		Map<WardenService, Integer> ports = new EnumMap<>(WardenService.class);
		Map<WardenService, Integer> managementPorts = new EnumMap<>(WardenService.class);
		for (WardenService service : WardenService.values()) {
			String name = "WARDEN_" + service.name() + "_PORT";
			ports.put(service, port(env, name, service.defaultPort()));
			managementPorts.put(service, ports.get(service) + SuiteOptions.MANAGEMENT_PORT_OFFSET);
		}
		String adminEmail = env.getOrDefault("WARDEN_BOOTSTRAP_ADMIN_EMAIL", "admin@warden.local");
		String adminPassword = KeptSecrets.adminPassword(env.get("WARDEN_BOOTSTRAP_ADMIN_PASSWORD"), data);
		List<String> jvmOptions = env.containsKey("WARDEN_JAVA_OPTS")
				? List.of(env.get("WARDEN_JAVA_OPTS").trim().split("\\s+")) : SuiteOptions.DEFAULT_JVM_OPTIONS;
		Map<String, String> secrets = new java.util.LinkedHashMap<>();
		secrets.put("WARDEN_BOOTSTRAP_ADMIN_EMAIL", adminEmail);
		secrets.put("WARDEN_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
		secrets.put("WARDEN_TWOFACTOR_KEYS", KeptSecrets.twoFactorKeys(env.get("WARDEN_TWOFACTOR_KEYS"), data));
		secrets.put("WARDEN_PASSWORDRESET_MAILKEYS",
				KeptSecrets.passwordResetMailKeys(env.get("WARDEN_PASSWORDRESET_MAILKEYS"), data));
		secrets.put("WARDEN_AUDIT_CHAINKEYS", KeptSecrets.auditChainKeys(env.get("WARDEN_AUDIT_CHAINKEYS"), data));
		// A plain warden_session cookie by default here; WARDEN_COOKIE_SECURE=true works
		// as well (browsers accept
		// Secure cookies on http://localhost), and Docker Compose defaults to it.
		secrets.put("WARDEN_COOKIE_SECURE", env.getOrDefault("WARDEN_COOKIE_SECURE", "false"));
		SuiteOptions options = new SuiteOptions(root, infrastructure, Map.of(), ports, secrets, jvmOptions,
				data.resolve("logs"), EnumSet.allOf(WardenService.class), managementPorts,
				!"false".equalsIgnoreCase(env.getOrDefault("WARDEN_CLASS_DATA_SHARING", "true").strip()));

		int processes = WardenService.values().length - replicas.size()
				+ replicas.values().stream().mapToInt(Integer::intValue).sum();
		System.out.println("Starting Warden: embedded " + embedded + ", six services"
				+ (processes > 6 ? " in " + processes + " JVMs" : "") + " (logs in " + data.resolve("logs") + ") ...");
		long started = System.nanoTime();
		LocalSuite suite = LocalSuite.start(options, replicas, Duration.ofMinutes(4 + (processes - 6)));
		// For ./run-local.sh admin … while the suite runs: auth-service's own settings,
		// as
		// private as the kept secrets beside them.
		KeptSecrets.write(data.resolve(AUTH_ENVIRONMENT_FILE), properties(suite.environment(WardenService.AUTH)));
		MailDrop mails = suite.infrastructure().smtp() == null ? null
				: new MailDrop(suite.infrastructure().smtp(), data.resolve("mail"));
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println("Stopping Warden ...");
			if (mails != null) {
				mails.close();
			}
			suite.close();
			stopped.countDown();
		}, "warden-stop"));
		boolean changeRequired = !"false"
			.equalsIgnoreCase(env.getOrDefault("WARDEN_BOOTSTRAP_ADMIN_PASSWORDCHANGEREQUIRED", "true").strip());
		printBanner(suite, adminEmail, adminPassword, env.containsKey("WARDEN_BOOTSTRAP_ADMIN_PASSWORD"),
				changeRequired, data, Duration.ofNanos(System.nanoTime() - started));
		stopped.await();
	}

	private static final String AUTH_ENVIRONMENT_FILE = "auth-service.env";

	/**
	 * The replicas asked for with {@code --scale SERVICE=N} (or
	 * {@code --scale=SERVICE=N}), by module name.
	 */
	static Map<WardenService, Integer> scale(List<String> arguments) {
		Map<WardenService, Integer> replicas = new EnumMap<>(WardenService.class);
		for (int i = 0; i < arguments.size(); i++) {
			String argument = arguments.get(i);
			String value;
			if ("--scale".equals(argument)) {
				if (i + 1 >= arguments.size()) {
					throw new IllegalArgumentException("--scale needs SERVICE=N");
				}
				value = arguments.get(++i);
			}
			else if (argument.startsWith("--scale=")) {
				value = argument.substring("--scale=".length());
			}
			else if ("--fresh".equals(argument)) {
				continue;
			}
			else {
				throw new IllegalArgumentException("Unknown argument '" + argument + "'");
			}
			int equals = value.indexOf('=');
			String name = equals < 0 ? value : value.substring(0, equals);
			WardenService service = java.util.Arrays.stream(WardenService.values())
				.filter((candidate) -> candidate.module().equals(name))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("No service named '" + name + "'"));
			int count;
			try {
				count = Integer.parseInt(value.substring(equals + 1));
			}
			catch (NumberFormatException | StringIndexOutOfBoundsException ex) {
				throw new IllegalArgumentException("--scale " + value + ": N must be a number");
			}
			if (equals < 0 || count < 1 || count > LocalSuite.MAX_REPLICAS) {
				throw new IllegalArgumentException(
						"--scale " + value + ": N must be between 1 and " + LocalSuite.MAX_REPLICAS);
			}
			replicas.put(service, count);
		}
		return replicas;
	}

	/**
	 * {@code ./run-local.sh admin unlock|reset-password EMAIL}: auth-service's
	 * break-glass command against the running suite's database, with the settings it was
	 * started with.
	 */
	private static int breakGlass(Path root, Path data, List<String> arguments) throws Exception {
		Path file = data.resolve(AUTH_ENVIRONMENT_FILE);
		Path jar = WardenService.AUTH.jar(root);
		if (!Files.isRegularFile(file) || jar == null) {
			System.out.println("Start the suite first (./run-local.sh in another terminal): the command works on its "
					+ "database.");
			return 1;
		}
		Properties saved = new Properties();
		try (java.io.Reader reader = Files.newBufferedReader(file)) {
			saved.load(reader);
		}
		Map<String, String> environment = new java.util.LinkedHashMap<>();
		saved.stringPropertyNames().forEach((name) -> environment.put(name, saved.getProperty(name)));
		ServiceProcess.CommandResult result = ServiceProcess.runCommand(WardenService.AUTH, jar, environment,
				arguments);
		System.out.print(result.output());
		return result.status();
	}

	private static String properties(Map<String, String> environment) throws java.io.IOException {
		Properties properties = new Properties();
		properties.putAll(environment);
		java.io.StringWriter text = new java.io.StringWriter();
		properties.store(text, "auth-service's settings while the suite runs (for ./run-local.sh admin ...)");
		return text.toString();
	}

	private static void printBanner(LocalSuite suite, String email, String password, boolean configured,
			boolean changeRequired, Path data, Duration took) {
		var infra = suite.infrastructure();
		StringBuilder out = new StringBuilder();
		out.append(System.lineSeparator())
			.append("Warden is up (all ")
			.append(suite.processes().size() > 6 ? suite.processes().size() + " processes of the six services"
					: "six services")
			.append(" ready in ")
			.append(took.toSeconds())
			.append(" s).")
			.append(System.lineSeparator());
		out.append("  Gateway (the only door): ")
			.append(suite.url(WardenService.GATEWAY))
			.append(System.lineSeparator());
		out.append("  Administrator:           ")
			.append(email)
			.append(" / ")
			.append(password)
			.append(configured ? "  (from WARDEN_BOOTSTRAP_ADMIN_PASSWORD)"
					: "  (generated, kept in " + data.resolve(KeptSecrets.ADMIN_PASSWORD_FILE) + ")")
			.append(System.lineSeparator());
		if (changeRequired) {
			out.append("                           the first sign-in asks for a new password (the administrator"
					+ " created at the first start must replace this one)")
				.append(System.lineSeparator());
		}
		if (infra.smtp() != null) {
			out.append("  Captured e-mails:        ")
				.append(data.resolve("mail"))
				.append("/*.eml  (SMTP sink on localhost:")
				.append(infra.smtp().port())
				.append(")")
				.append(System.lineSeparator());
		}
		out.append("  Service logs:            ")
			.append(data.resolve("logs"))
			.append("/<service>.log")
			.append(System.lineSeparator());
		out.append("  Services (127.0.0.1 only; health and metrics on the management port):")
			.append(System.lineSeparator());
		for (ServiceProcess process : suite.processes()) {
			out.append(
					String.format("    %-23s http://localhost:%d  management http://127.0.0.1:%d/actuator  (pid %d)%n",
							process.name(), process.port(), process.managementPort(), process.pid()));
		}
		if (infra.postgres() != null) {
			out.append("  PostgreSQL:              localhost:")
				.append(infra.postgres().port())
				.append(" (user postgres; databases auth, tokens, audit)")
				.append(System.lineSeparator());
		}
		if (infra.redis() != null) {
			out.append("  Redis:                   localhost:")
				.append(infra.redis().port())
				.append(" (a user per service; passwords in ")
				.append(data)
				.append("/redis-*-password)")
				.append(System.lineSeparator());
		}
		if (infra.kafka() != null) {
			out.append("  Kafka:                   ")
				.append(infra.kafka().bootstrapServers())
				.append(System.lineSeparator());
		}
		out.append("Press Ctrl-C to stop.");
		System.out.println(out);
	}

	private static void removeIfExternal(Set<Component> embedded, Component component, Map<String, String> env,
			String variable) {
		String value = env.get(variable);
		if (value != null && !value.isBlank()) {
			embedded.remove(component);
		}
	}

	private static int port(Map<String, String> env, String name, int fallback) {
		String value = env.get(name);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
		}
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.delete(path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

}
