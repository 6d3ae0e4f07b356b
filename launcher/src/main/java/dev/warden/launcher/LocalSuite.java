package dev.warden.launcher;

import java.util.Objects;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.warden.infra.EmbeddedInfrastructure;
import dev.warden.serviceidentity.session.SessionGrant;
import dev.warden.serviceidentity.session.SessionSecrets;

/**
 * The whole suite on one machine: the embedded infrastructure in this JVM, and each of
 * the six services in a JVM of its own, wired together through the same {@code WARDEN_*}
 * environment variables a deployment uses. Every service listens on the loopback
 * interface only, its API on its port and health and metrics on its management port.
 */
public final class LocalSuite implements AutoCloseable {

	private final SuiteOptions options;

	private final EmbeddedInfrastructure infrastructure;

	private final List<ServiceProcess> processes;

	private final ServiceCredentials credentials;

	/** What each service was started with, for a command run of it. */
	private final Map<WardenService, Map<String, String>> environments = new java.util.EnumMap<>(WardenService.class);

	private LocalSuite(SuiteOptions options, EmbeddedInfrastructure infrastructure, List<ServiceProcess> processes) {
		this.options = options;
		this.infrastructure = infrastructure;
		this.processes = processes;
		this.credentials = new ServiceCredentials(options.infrastructure().dataDirectory());
	}

	/**
	 * An {@code Authorization} value with which {@code caller} (the gateway or
	 * auth-service) calls {@code callee}'s internal API, valid for a minute: what tests
	 * and benchmarks use to act as that service.
	 */
	public String serviceAuthorization(WardenService caller, WardenService callee) {
		return this.credentials.authorization(caller, callee);
	}

	/**
	 * Opens a session at session-service as auth-service does at a sign-in (the cookie
	 * value made here, its hash and then auth-service's signed grant handed over) and
	 * returns the cookie value: for tests and benchmarks that need many signed-in users
	 * without a password each.
	 */
	public String openSession(String userId, List<String> roles, String userAgent)
			throws java.io.IOException, InterruptedException {
		String secret = SessionSecrets.newSecret();
		String secretHash = SessionSecrets.hash(secret);
		String sessions = url(WardenService.SESSION);
		String authorization = serviceAuthorization(WardenService.AUTH, WardenService.SESSION);
		String rolesJson = roles.stream().map((role) -> "\"" + role + "\"").collect(Collectors.joining(","));
		HttpResponse<String> created = send(sessions + "/internal/sessions", authorization,
				"{\"userId\":\"" + userId + "\",\"roles\":[" + rolesJson
						+ "],\"authMethods\":[\"pwd\"],\"ip\":\"198.51.100.4\"," + "\"userAgent\":\"" + userAgent
						+ "\",\"secretHash\":\"" + secretHash + "\"}",
				"POST");
		Matcher id = Pattern.compile("\"sessionId\":\"([^\"]+)\"").matcher(created.body());
		Matcher end = Pattern.compile("\"expiresAt\":\"([^\"]+)\"").matcher(created.body());
		if (created.statusCode() != 201 || !id.find() || !end.find()) {
			throw new IllegalStateException("session-service did not open a session: " + created.statusCode());
		}
		String grant = this.credentials.sessionGrants()
			.sign(new dev.warden.serviceidentity.session.SessionGrant(userId, id.group(1), roles, List.of("pwd"),
					Instant.now().truncatedTo(ChronoUnit.SECONDS), false, false, secretHash,
					Instant.parse(end.group(1))));
		HttpResponse<String> attached = send(
				sessions + "/internal/users/" + userId + "/sessions/" + id.group(1) + "/grant", authorization,
				"{\"secretHash\":\"" + secretHash + "\",\"grant\":\"" + grant + "\"}", "PUT");
		if (attached.statusCode() != 204) {
			throw new IllegalStateException("session-service did not take the grant: " + attached.statusCode());
		}
		return secret;
	}

	/**
	 * The headers with which the gateway hands token-service a new API token's value and
	 * its grant, for benchmarks that create tokens at token-service directly: value
	 * first, then grant.
	 */
	public List<String> tokenCreation(String userId, String role, int validityMonths) {
		String value = dev.warden.event.ApiTokenFormat.newToken();
		return List.of(value, this.credentials.tokenGrants()
			.sign(userId, role, validityMonths, dev.warden.event.ApiTokenFormat.hash(value)));
	}

	private static HttpResponse<String> send(String url, String authorization, String json, String method)
			throws java.io.IOException, InterruptedException {
		return INTERNAL_HTTP.send(HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", authorization)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(10))
			.method(method, HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static final HttpClient INTERNAL_HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/** Starts the infrastructure and every service, and waits until all report ready. */
	public static LocalSuite start(SuiteOptions options, Duration readyTimeout) {
		return start(options, Map.of(), readyTimeout);
	}

	/**
	 * Starts the infrastructure and {@code replicas.get(service)} instances of each
	 * service (one where it is not named), each in its own JVM on its own ports, every
	 * caller knowing every replica's address; waits until all report ready.
	 */
	public static LocalSuite start(SuiteOptions options, Map<WardenService, Integer> replicas, Duration readyTimeout) {
		Map<WardenService, Path> jars = new LinkedHashMap<>();
		List<String> missing = new ArrayList<>();
		for (WardenService service : options.services()) {
			Path jar = service.jar(options.root());
			if (jar == null) {
				missing.add(service.module());
			}
			jars.put(service, jar);
		}
		if (!missing.isEmpty()) {
			throw new IllegalStateException("Not built: " + missing + " (run ./mvnw -B package -DskipTests first)");
		}
		EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(options.infrastructure());
		List<ServiceProcess> processes = new ArrayList<>();
		LocalSuite suite = new LocalSuite(options, infrastructure, processes);
		suite.replicaPorts.putAll(replicaPorts(options, replicas));
		try {
			Map<String, String> shared = environment(options, infrastructure);
			shared.put("WARDEN_IDENTITY_JWKS", suite.addresses(WardenService.GATEWAY, "/.well-known/jwks.json"));
			suite.credentials.createDatabaseOwners(infrastructure);
			for (WardenService service : options.services()) {
				// Every service knows where the others answer: the gateway routes to all,
				// auth-service calls
				// session-service at sign-in.
				Map<String, String> env = new LinkedHashMap<>(shared);
				env.putAll(suite.upstreams());
				ServiceCredentials.withoutOthersSecrets(env, service);
				// Each service gets only its own credentials: its key or the public keys
				// of its callers, its database login.
				env.putAll(suite.credentials.environmentFor(service, infrastructure.postgres() != null));
				// Its own Redis user only: a service taken over cannot touch another's
				// keys.
				env.putAll(RedisPasswords.environment(service, options.infrastructure().redisPasswords()));
				env.putAll(kafkaSignIn(options, service));
				if (service == WardenService.GATEWAY && suite.ports(service).size() > 1
						&& !env.containsKey(SIGNING_KEY)) {
					// Replicas sign with one key, so services accept whichever signed.
					env.put(SIGNING_KEY, newSigningKey());
				}
				suite.environments.put(service, Map.copyOf(env));
				List<int[]> ports = suite.ports(service);
				for (int instance = 1; instance <= ports.size(); instance++) {
					Path jar = Objects.requireNonNull(jars.get(service));
					List<String> jvmOptions = options.jvmOptions();
					if (options.classDataSharing()) {
						ClassDataSharing.Launch launch = ClassDataSharing.prepare(jar);
						jar = launch.jar();
						jvmOptions = new ArrayList<>(jvmOptions);
						// Only the first instance writes a missing archive: two JVMs
						// writing one file at exit would spoil it.
						for (String option : launch.jvmOptions()) {
							if (instance == 1 || !option.startsWith("-XX:ArchiveClassesAtExit")) {
								jvmOptions.add(option);
							}
						}
					}
					int[] port = ports.get(instance - 1);
					processes.add(ServiceProcess.start(service, instance, jar, port[0], port[1], env, jvmOptions,
							options.logDirectory()));
				}
			}
			suite.awaitReady(readyTimeout);
			return suite;
		}
		catch (RuntimeException ex) {
			suite.close();
			throw ex;
		}
	}

	/**
	 * Environment every service gets: where the infrastructure is, where the gateway's
	 * keys are, extras.
	 */
	static Map<String, String> environment(SuiteOptions options, EmbeddedInfrastructure infrastructure) {
		Map<String, String> env = new LinkedHashMap<>();
		infrastructure.serviceProperties().forEach((key, value) -> env.put(toEnvironmentName(key), value));
		env.putAll(options.external());
		env.put("WARDEN_IDENTITY_JWKS", "http://" + SuiteOptions.LOOPBACK + ":" + options.port(WardenService.GATEWAY)
				+ "/.well-known/jwks.json");
		// Browsers open the suite at localhost (an address is no WebAuthn relying party):
		// passkeys are made for that origin, and mailed links lead there.
		String portal = "http://localhost:" + options.port(WardenService.GATEWAY);
		env.put("WARDEN_WEBAUTHN_ORIGINS", portal);
		env.put("WARDEN_PASSWORDRESET_PORTALURL", portal);
		env.putAll(options.environment());
		return env;
	}

	/**
	 * Each service signs in to Kafka as itself ({@code WARDEN_KAFKA_USERNAME}), knowing
	 * its own password only.
	 */
	private static Map<String, String> kafkaSignIn(SuiteOptions options, WardenService service) {
		Map<String, String> env = new LinkedHashMap<>();
		options.infrastructure()
			.kafkaCredentials()
			.serviceProperties(service.module())
			.forEach((key, value) -> env.put(toEnvironmentName(key), value));
		return env;
	}

	/** Every replica's address, for whoever calls the service. */
	private Map<String, String> upstreams() {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("WARDEN_UPSTREAM_AUTH", addresses(WardenService.AUTH, ""));
		env.put("WARDEN_UPSTREAM_SESSION", addresses(WardenService.SESSION, ""));
		env.put("WARDEN_UPSTREAM_TOKEN", addresses(WardenService.TOKEN, ""));
		env.put("WARDEN_UPSTREAM_NOTIFICATION", addresses(WardenService.NOTIFICATION, ""));
		env.put("WARDEN_UPSTREAM_AUDIT", addresses(WardenService.AUDIT, ""));
		return env;
	}

	/** {@code path} on each replica of the service, separated by commas. */
	private String addresses(WardenService service, String path) {
		return ports(service).stream()
			.map((port) -> "http://" + SuiteOptions.LOOPBACK + ":" + port[0] + path)
			.collect(Collectors.joining(","));
	}

	private static final String SIGNING_KEY = "WARDEN_IDENTITY_SIGNING_KEY";

	private static String newSigningKey() {
		try {
			return new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256)
				.keyID(java.util.UUID.randomUUID().toString())
				.generate()
				.toJSONString();
		}
		catch (com.nimbusds.jose.JOSEException ex) {
			throw new IllegalStateException("Could not make the gateways' signing key", ex);
		}
	}

	/** Port and management port of each instance of each service. */
	private final Map<WardenService, List<int[]>> replicaPorts = new java.util.EnumMap<>(WardenService.class);

	/**
	 * The first instance on the service's ports; each further one on its port + 100 ×
	 * (instance - 1) when the service is on its default port (session-service 8082, 8182,
	 * 8282; management + 1000), on free ports otherwise.
	 */
	static Map<WardenService, List<int[]>> replicaPorts(SuiteOptions options, Map<WardenService, Integer> replicas) {
		Map<WardenService, List<int[]>> all = new java.util.EnumMap<>(WardenService.class);
		for (WardenService service : WardenService.values()) {
			int count = replicas.getOrDefault(service, 1);
			if (count < 1 || count > MAX_REPLICAS) {
				throw new IllegalArgumentException(
						service.module() + ": between 1 and " + MAX_REPLICAS + " replicas, not " + count);
			}
			List<int[]> ports = new ArrayList<>();
			int first = options.port(service);
			ports.add(new int[] { first, options.managementPort(service) });
			for (int instance = 2; instance <= count; instance++) {
				int port = first == service.defaultPort() ? first + REPLICA_PORT_STEP * (instance - 1)
						: dev.warden.infra.FreePorts.next();
				int management = first == service.defaultPort() ? port + SuiteOptions.MANAGEMENT_PORT_OFFSET
						: dev.warden.infra.FreePorts.next();
				ports.add(new int[] { port, management });
			}
			all.put(service, List.copyOf(ports));
		}
		return all;
	}

	/**
	 * Six partitions per topic: a seventh replica of a consumer would get none, so more
	 * is refused.
	 */
	static final int MAX_REPLICAS = 6;

	static final int REPLICA_PORT_STEP = 100;

	private List<int[]> ports(WardenService service) {
		return Objects.requireNonNull(this.replicaPorts.get(service), service.module() + " is not part of this suite");
	}

	/**
	 * {@code warden.kafka.bootstrap} to {@code WARDEN_KAFKA_BOOTSTRAP}, as Spring Boot
	 * binds them.
	 */
	static String toEnvironmentName(String property) {
		return property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
	}

	private void awaitReady(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<ServiceProcess> waiting = new ArrayList<>(this.processes);
		while (!waiting.isEmpty()) {
			for (ServiceProcess process : List.copyOf(waiting)) {
				if (!process.isAlive()) {
					throw new IllegalStateException(process.name() + " exited during start-up; its log " + process.log()
							+ " ends with:" + System.lineSeparator() + process.tail(40));
				}
				if (process.isReady()) {
					waiting.remove(process);
				}
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Not ready after " + timeout + ": "
						+ waiting.stream().map(ServiceProcess::name).collect(Collectors.joining(", ")));
			}
			sleep(Duration.ofMillis(250));
		}
	}

	/**
	 * The environment a service was started with: its own secrets included, so only for a
	 * command run of it by the operator.
	 */
	Map<String, String> environment(WardenService service) {
		return Objects.requireNonNull(this.environments.get(service), service.module() + " is not part of this suite");
	}

	/**
	 * Runs auth-service's break-glass command ({@code admin unlock|reset-password EMAIL})
	 * against this suite's database.
	 */
	ServiceProcess.CommandResult admin(List<String> args) {
		Path jar = Objects.requireNonNull(WardenService.AUTH.jar(this.options.root()), "auth-service is not built");
		return ServiceProcess.runCommand(WardenService.AUTH, jar, environment(WardenService.AUTH), args);
	}

	public EmbeddedInfrastructure infrastructure() {
		return this.infrastructure;
	}

	public SuiteOptions options() {
		return this.options;
	}

	public List<ServiceProcess> processes() {
		return List.copyOf(this.processes);
	}

	/** The running process of one service (its first instance). */
	public ServiceProcess process(WardenService service) {
		return process(service, 1);
	}

	/** The running process of one instance of a service (1 for the first). */
	public ServiceProcess process(WardenService service, int instance) {
		synchronized (this.processes) {
			return this.processes.stream()
				.filter((process) -> process.service() == service && process.instance() == instance)
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException(
						ServiceProcess.name(service, instance) + " is not part of this suite"));
		}
	}

	/** Every instance of a service, the first first. */
	public List<ServiceProcess> processes(WardenService service) {
		synchronized (this.processes) {
			return this.processes.stream().filter((process) -> process.service() == service).toList();
		}
	}

	/**
	 * Starts a service that was stopped or killed again, and waits until it reports
	 * ready.
	 */
	public void relaunch(WardenService service, Duration readyTimeout) {
		relaunch(service, 1, readyTimeout);
	}

	/**
	 * Starts one instance of a service that was stopped or killed again, on its ports,
	 * and waits until it reports ready.
	 */
	public void relaunch(WardenService service, int instance, Duration readyTimeout) {
		ServiceProcess fresh;
		synchronized (this.processes) {
			ServiceProcess old = process(service, instance);
			fresh = old.relaunch();
			this.processes.set(this.processes.indexOf(old), fresh);
		}
		long deadline = System.nanoTime() + readyTimeout.toNanos();
		while (!fresh.isReady()) {
			if (!fresh.isAlive()) {
				throw new IllegalStateException(
						fresh.name() + " exited during its restart:" + System.lineSeparator() + fresh.tail(40));
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(fresh.name() + " not ready " + readyTimeout + " after its restart");
			}
			sleep(Duration.ofMillis(250));
		}
	}

	public String url(WardenService service) {
		return "http://localhost:" + this.options.port(service);
	}

	/** Where one instance of a service answers (1 for the first). */
	public String url(WardenService service, int instance) {
		return "http://localhost:" + ports(service).get(instance - 1)[0];
	}

	/**
	 * Where the service's health, readiness and metrics answer (the management port,
	 * never the gateway).
	 */
	public String managementUrl(WardenService service) {
		return "http://" + SuiteOptions.LOOPBACK + ":" + this.options.managementPort(service);
	}

	/** Where one instance's health, readiness and metrics answer. */
	public String managementUrl(WardenService service, int instance) {
		return "http://" + SuiteOptions.LOOPBACK + ":" + ports(service).get(instance - 1)[1];
	}

	/** Stops the services (in parallel, gracefully), then the infrastructure. */
	@Override
	public void close() {
		this.processes.parallelStream().forEach(ServiceProcess::close);
		this.infrastructure.close();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the services", ex);
		}
	}

}
