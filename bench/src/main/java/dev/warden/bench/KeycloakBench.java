package dev.warden.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.nimbusds.jose.jwk.ECKey;
import dev.warden.infra.FreePorts;
import dev.warden.infra.InfrastructureSettings;
import dev.warden.infra.test.TestJwts;
import dev.warden.launcher.LocalSuite;
import dev.warden.launcher.RandomSecrets;
import dev.warden.launcher.ServiceProcess;
import dev.warden.launcher.SuiteOptions;
import dev.warden.launcher.WardenService;

/**
 * Warden next to Keycloak on the same machine, one after the other in one run, on the
 * same JDK (this one) and under the same wrk load: password sign-ins per second, the
 * caller's own profile with a session (Warden: {@code GET /api/me} with the cookie;
 * Keycloak: {@code userinfo} with a bearer access token) and with a Warden API token, the
 * resident memory at peak, and the time until ready. Keycloak runs {@code start-dev} (H2
 * in its JVM) from the distribution bench/run.sh fetched from Maven Central, with its
 * default password hash (Argon2id m=7 MiB, t=5, p=1); Warden's is Argon2id m=19 MiB, t=2,
 * p=1: two settings OWASP's Password Storage Cheat Sheet lists as equivalent.
 */
public final class KeycloakBench {

	static final int USERS = 40;

	static final int WARMUP_SECONDS = 30;

	static final int SECONDS = 20;

	static final int RUNS = 3;

	static final int SIGN_IN_CONNECTIONS = 8;

	static final int READ_CONNECTIONS = 16;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final Path root;

	private final Path work;

	private KeycloakBench(Path root) throws IOException {
		this.root = root;
		this.work = Files.createDirectories(root.resolve("bench/target/bench-keycloak"));
	}

	public static void main(String[] args) throws Exception {
		Path root = Path.of(System.getProperty("warden.root", ".")).toAbsolutePath().normalize();
		Path keycloak = Path.of(System.getProperty("warden.keycloak.home", "bench/target/keycloak/keycloak"))
			.toAbsolutePath();
		if (Runtime.version().feature() < 21) {
			throw new IllegalStateException("Keycloak needs Java 21 or later, and both run on the same JDK: "
					+ "run bench/run.sh keycloak, which looks for one");
		}
		new KeycloakBench(root).run(keycloak);
		System.exit(0);
	}

	private void run(Path keycloakHome) throws Exception {
		Side warden = warden();
		if ("warden".equals(System.getenv("WARDEN_BENCH_ONLY"))) {
			// Warden's side alone, for profiling rounds: printed, no report written.
			System.out.println(warden);
			double[] hash = LoginBench.argon2Millis();
			System.out.printf(Locale.ROOT, "Argon2id check: p50 %.1f ms, p99 %.1f ms; %.1f checks/s on all cores%n",
					hash[0], hash[1],
					LoginBench.argon2PerSecond(Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(10)));
			return;
		}
		Side keycloak = keycloak(keycloakHome);
		double[] hash = LoginBench.argon2Millis();
		double ceiling = LoginBench.argon2PerSecond(Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(10));
		String report = report(warden, keycloak, hash, ceiling);
		Path directory = Files.createDirectories(this.root.resolve("bench/results"));
		String name = "keycloak-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm"));
		Files.writeString(directory.resolve(name + ".md"), report);
		System.out.println(report);
		System.out.println("Written to " + directory.resolve(name + ".md"));
	}

	// ---------------------------------------------------------------- Warden

	private Side warden() throws Exception {
		ECKey key = TestJwts.generateKey();
		TestJwts gatewayKey = TestJwts.withKey(key);
		String adminPassword = "tidal " + RandomSecrets.generate(20);
		Map<WardenService, Integer> ports = new EnumMap<>(WardenService.class);
		EnumSet<WardenService> services = EnumSet.allOf(WardenService.class);
		services.forEach((service) -> ports.put(service, FreePorts.next()));
		// As the services run in their image (C2 included), with ./run-local.sh's small
		// heaps; ./run-local.sh itself stops at C1 to start sooner.
		String javaOptions = System.getenv("WARDEN_JAVA_OPTS");
		List<String> jvm = (javaOptions == null || javaOptions.isBlank()) ? SuiteOptions.DEFAULT_JVM_OPTIONS.stream()
			.filter((option) -> !option.startsWith("-XX:TieredStopAtLevel"))
			.toList() : List.of(javaOptions.trim().split("\\s+"));
		SuiteOptions options = new SuiteOptions(this.root, InfrastructureSettings.ephemeral(), Map.of(), ports,
				Map.of("WARDEN_IDENTITY_SIGNING_KEY", key.toJSONString(), "WARDEN_COOKIE_SECURE", "false",
						"WARDEN_BOOTSTRAP_ADMIN_EMAIL", "bench.admin@example.test", "WARDEN_BOOTSTRAP_ADMIN_PASSWORD",
						adminPassword, "WARDEN_BOOTSTRAP_ADMIN_PASSWORDCHANGEREQUIRED", "false",
						"WARDEN_TWOFACTOR_KEYS", "bench:" + randomKey(), "WARDEN_AUDIT_CHAINKEYS",
						"bench:" + randomKey(),
						// One client address here; the per-address sign-in limit would
						// measure itself. Per-account limits stay as they are.
						"WARDEN_GATEWAY_RATELIMIT_LOGIN_PERSECOND", "100000", "WARDEN_GATEWAY_RATELIMIT_LOGIN_BURST",
						"100000"),
				jvm, this.work.resolve("warden-logs"), services, Map.of(), true);
		// As ./run-local.sh starts a built tree the second time: a first start and stop
		// writes each service's class data sharing archive.
		try (LocalSuite first = LocalSuite.start(options, Duration.ofMinutes(3))) {
			System.out.println("Warden started once to write its class data sharing archives");
		}
		long starting = System.nanoTime();
		try (LocalSuite suite = LocalSuite.start(options, Duration.ofMinutes(3))) {
			double readySeconds = (System.nanoTime() - starting) / 1e9;
			Runtime.getRuntime().addShutdownHook(new Thread(suite::close, "bench-stop"));
			String gateway = suite.url(WardenService.GATEWAY);
			Path users = this.work.resolve("warden-users.txt");
			Files.write(users, new LoginBench().createUsers(suite.url(WardenService.AUTH), gatewayKey));
			GatewayBench helper = new GatewayBench();
			String cookie = GatewayBench.login(this.http, gateway, "bench.admin@example.test", adminPassword);
			String userId = helper.me(gateway, cookie);
			String token = helper.createToken(suite, gatewayKey, userId, "bench");

			PeakMemory peak = new PeakMemory(() -> suite.processes()
				.stream()
				.map((process) -> new ProcessCpu.Named(process.service().module(), process.pid()))
				.toList());
			Profiler profiler = new Profiler(suite, this.work);
			ProcessCpu cpu = new ProcessCpu(() -> wardenProcesses(suite));
			Map<String, String> cpuShares = new LinkedHashMap<>();
			Measurement signIns = peak.during(() -> profiler.around("sign-in",
					() -> shared(cpu, cpuShares, "sign-ins",
							() -> measure("Warden sign-in",
									() -> wrk(SIGN_IN_CONNECTIONS, List.of("-s", script("login.lua")),
											gateway + "/api/auth/login",
											Map.of("WARDEN_BENCH_USERS", users.toString()))))));
			Measurement cookieRead = peak.during(
					() -> profiler.around("cookie-read",
							() -> shared(cpu, cpuShares, "cookie reads",
									() -> measure("Warden GET /api/me, session cookie",
											() -> wrk(READ_CONNECTIONS,
													List.of("-H", "Cookie: warden_session=" + cookie),
													gateway + "/api/me", Map.of())))));
			Measurement tokenRead = peak.during(() -> profiler.around("token-read",
					() -> shared(cpu, cpuShares, "token reads",
							() -> measure("Warden GET /api/me, API token", () -> wrk(READ_CONNECTIONS,
									List.of("-H", "Authorization: Bearer " + token), gateway + "/api/me", Map.of())))));
			return new Side(signIns, cookieRead, tokenRead, peak.bytes(), peak.byName(), infrastructureRss(),
					readySeconds, String.join(" ", jvm), cpuShares);
		}
	}

	/**
	 * Runs {@code load} and keeps, under {@code figure}, where the CPU went meanwhile.
	 */
	private static Measurement shared(ProcessCpu cpu, Map<String, String> shares, String figure,
			Supplier<Measurement> load) {
		Map<String, Long> before = cpu.snapshot();
		Measurement measurement = load.get();
		shares.put(figure, ProcessCpu.shares(before, cpu.snapshot()));
		return measurement;
	}

	/**
	 * Every process of Warden's run: the services by name, the infrastructure and wrk by
	 * command, and this JVM, which runs the embedded Kafka broker and SMTP sink.
	 */
	private static List<ProcessCpu.Named> wardenProcesses(LocalSuite suite) {
		List<ProcessCpu.Named> processes = new ArrayList<>();
		List<Long> services = new ArrayList<>();
		for (ServiceProcess service : suite.processes()) {
			processes.add(new ProcessCpu.Named(service.service().module(), service.pid()));
			services.add(service.pid());
		}
		ProcessHandle.current()
			.descendants()
			.filter((process) -> !services.contains(process.pid()))
			.forEach((process) -> processes.add(new ProcessCpu.Named(process.info()
				.command()
				.map((command) -> Path.of(command).getFileName().toString())
				.orElse("other"), process.pid())));
		infrastructure().forEach((process) -> processes.add(new ProcessCpu.Named(name(process), process.pid())));
		processes.add(new ProcessCpu.Named("Kafka and SMTP (harness JVM)", ProcessHandle.current().pid()));
		processes.add(new ProcessCpu.Named("wrk", ProcessHandle.current().pid(), true));
		return processes;
	}

	/**
	 * The embedded PostgreSQL and Redis of this run: started after this JVM, and not its
	 * descendants, as pg_ctl detaches the server.
	 */
	private static List<ProcessHandle> infrastructure() {
		java.time.Instant harnessStart = ProcessHandle.current().info().startInstant().orElse(java.time.Instant.MIN);
		return ProcessHandle.allProcesses()
			.filter((process) -> List.of("postgres", "redis-server").contains(name(process)))
			.filter((process) -> process.info()
				.startInstant()
				.map((start) -> !start.isBefore(harnessStart))
				.orElse(false))
			.toList();
	}

	private static String name(ProcessHandle process) {
		return process.info().command().map((command) -> Path.of(command).getFileName().toString()).orElse("other");
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new java.security.SecureRandom().nextBytes(key);
		return java.util.Base64.getEncoder().encodeToString(key);
	}

	/**
	 * The native infrastructure processes of the embedded run (PostgreSQL, Redis), by
	 * proportional set size: PostgreSQL's processes share its buffers, which resident
	 * sizes would count once per process.
	 */
	private static long infrastructureRss() {
		return infrastructure().stream().mapToLong((process) -> pss(process.pid())).sum();
	}

	private static long pss(long pid) {
		return kilobytes(pid, "smaps_rollup", "Pss:");
	}

	// ---------------------------------------------------------------- Keycloak

	private Side keycloak(Path home) throws Exception {
		if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
			throw new IllegalStateException("No Keycloak at " + home + " (bench/run.sh keycloak fetches it)");
		}
		int port = FreePorts.next();
		String base = "http://127.0.0.1:" + port;
		String adminPassword = RandomSecrets.generate(24);
		ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
				"--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + FreePorts.next())
			.redirectErrorStream(true)
			.redirectOutput(this.work.resolve("keycloak.log").toFile());
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
		builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
		long starting = System.nanoTime();
		Process process = builder.start();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "keycloak-stop"));
		try {
			awaitReady(base, process);
			double readySeconds = (System.nanoTime() - starting) / 1e9;
			String admin = token(base, "master", "admin-cli", "admin", adminPassword);
			adminCall(base, admin, "/admin/realms",
					"{\"realm\":\"bench\",\"enabled\":true,\"sslRequired\":\"none\",\"accessTokenLifespan\":3600,"
							+ "\"ssoSessionIdleTimeout\":3600}");
			adminCall(base, admin, "/admin/realms/bench/clients",
					"{\"clientId\":\"bench\",\"publicClient\":true,\"directAccessGrantsEnabled\":true,"
							+ "\"standardFlowEnabled\":false}");
			List<String> users = new ArrayList<>();
			for (int i = 0; i < USERS; i++) {
				String username = "bench-" + i;
				String password = "tidal-" + RandomSecrets.generate(20);
				adminCall(base, admin, "/admin/realms/bench/users",
						"{\"username\":\"" + username + "\",\"email\":\"" + username
								+ "@example.test\",\"firstName\":\"Bench\",\"lastName\":\"User\",\"enabled\":true,"
								+ "\"emailVerified\":true,\"credentials\":[{\"type\":\"password\",\"value\":\""
								+ password + "\",\"temporary\":false}]}");
				users.add(username + " " + password);
			}
			Path userFile = this.work.resolve("keycloak-users.txt");
			Files.write(userFile, users);
			String[] first = users.get(0).split(" ");
			String accessToken = token(base, "bench", "bench", first[0], first[1]);
			String tokenUrl = base + "/realms/bench/protocol/openid-connect/token";
			String userinfo = base + "/realms/bench/protocol/openid-connect/userinfo";

			List<Long> pids = Stream.concat(Stream.of(process.toHandle()), process.descendants())
				.map(ProcessHandle::pid)
				.toList();
			PeakMemory peak = new PeakMemory(
					() -> pids.stream().map((pid) -> new ProcessCpu.Named("keycloak", pid)).toList());
			ProcessCpu cpu = new ProcessCpu(() -> Stream
				.concat(pids.stream().map((pid) -> new ProcessCpu.Named("keycloak", pid)),
						Stream.of(new ProcessCpu.Named("wrk", ProcessHandle.current().pid(), true)))
				.toList());
			Map<String, String> cpuShares = new LinkedHashMap<>();
			Measurement signIns = peak.during(() -> shared(cpu, cpuShares, "sign-ins",
					() -> measure("Keycloak password grant",
							() -> wrk(SIGN_IN_CONNECTIONS, List.of("-s", script("keycloak-login.lua")), tokenUrl,
									Map.of("WARDEN_BENCH_USERS", userFile.toString())))));
			Measurement read = peak.during(() -> shared(cpu, cpuShares, "reads",
					() -> measure("Keycloak userinfo, bearer access token", () -> wrk(READ_CONNECTIONS,
							List.of("-H", "Authorization: Bearer " + accessToken), userinfo, Map.of()))));
			return new Side(signIns, read, null, peak.bytes(), peak.byName(), 0, readySeconds, "Keycloak's own (kc.sh)",
					cpuShares);
		}
		finally {
			stop(process);
		}
	}

	private void awaitReady(String base, Process process) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("Keycloak stopped; see " + this.work.resolve("keycloak.log"));
			}
			try {
				if (this.http
					.send(HttpRequest.newBuilder(URI.create(base + "/realms/master")).build(),
							HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// Not listening yet.
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("Keycloak not ready in 3 minutes; see " + this.work.resolve("keycloak.log"));
	}

	private String token(String base, String realm, String client, String username, String password) throws Exception {
		String form = "grant_type=password&scope=openid&client_id=" + client + "&username="
				+ URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8);
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create(base + "/realms/" + realm + "/protocol/openid-connect/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Keycloak refused the sign-in: " + response.body());
		}
		return response.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
	}

	private void adminCall(String base, String adminToken, String path, String body) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Authorization", "Bearer " + adminToken)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IllegalStateException(
					"Keycloak refused " + path + ": " + response.statusCode() + " " + response.body());
		}
	}

	private static void stop(Process process) {
		// SIGTERM: the JVM behind kc.sh shuts down cleanly on it (and ignores SIGINT).
		process.descendants().forEach(ProcessHandle::destroy);
		process.destroy();
	}

	// ---------------------------------------------------------------- load and report

	private String script(String name) {
		return this.root.resolve("bench/wrk").resolve(name).toString();
	}

	private static Measurement measure(String what, Supplier<String> run) {
		Measurement warmup = checked(run, WARMUP_SECONDS);
		System.out.printf("%s warm-up: %.0f req/s%n", what, warmup.opsPerSecond());
		List<Measurement> runs = new ArrayList<>();
		for (int i = 0; i < RUNS; i++) {
			Measurement measurement = Measurement.metered(run, SECONDS, KeycloakBench::checked);
			System.out.printf("%s run %d: %.1f req/s, p50 %.2f ms, p99 %.2f ms%n", what, i + 1,
					measurement.opsPerSecond(), measurement.p50Millis(), measurement.p99Millis());
			runs.add(measurement);
		}
		return Measurement.median(runs);
	}

	private static Measurement checked(Supplier<String> run, int seconds) {
		return checked(run.get());
	}

	private static Measurement checked(String output) {
		if (output.contains("Non-2xx or 3xx responses")) {
			throw new IllegalStateException("failed requests in a run:\n" + output);
		}
		return Measurement.fromWrk(output);
	}

	private static String wrk(int connections, List<String> extra, String url, Map<String, String> env) {
		List<String> command = new ArrayList<>(
				List.of("wrk", "-t1", "-c" + connections, "-d" + SECONDS + "s", "--latency"));
		command.addAll(extra);
		command.add(url);
		return Commands.run(command, env);
	}

	static long rss(long pid) {
		return kilobytes(pid, "status", "VmRSS:");
	}

	/**
	 * Bytes from the line of {@code /proc/<pid>/<file>} that starts with {@code field}
	 * (in kB there).
	 */
	private static long kilobytes(long pid, String file, String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/" + file))) {
				if (line.startsWith(field)) {
					return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
				}
			}
		}
		catch (IOException gone) {
			// The process ended between listing and reading.
		}
		return 0;
	}

	private static String report(Side warden, Side keycloak, double[] hash, double ceiling) {
		int cores = Runtime.getRuntime().availableProcessors();
		StringBuilder out = new StringBuilder("# Warden next to Keycloak\n\n");
		out.append(String.format(Locale.ROOT,
				"Machine: %d cores, %s. Both on this JDK, one after the other in one run, the same wrk load "
						+ "(one thread; %d s warm-up, then the median of %d runs of %d s). Keycloak %s `start-dev` "
						+ "(H2 in its JVM), default Argon2id m=7 MiB, t=5, p=1; Warden `%s` per service JVM, "
						+ "Argon2id m=19 MiB, t=2, p=1 (OWASP lists both as equivalent). Warden's per-address "
						+ "sign-in limit is raised (one client address); its per-account limits are on, Keycloak's "
						+ "brute-force detection is off (its default).%n%n",
				cores, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), WARMUP_SECONDS,
				RUNS, SECONDS, System.getProperty("warden.keycloak.version", "26.4.5"), warden.jvm()));
		out.append("| figure | Warden | Keycloak | ratio (Warden ÷ Keycloak) |\n|---|---|---|---|\n");
		row(out, "password sign-ins/s, " + SIGN_IN_CONNECTIONS + " connections", warden.signIns(), keycloak.signIns());
		row(out, "own profile, " + READ_CONNECTIONS + " connections: Warden `GET /api/me` (session cookie), "
				+ "Keycloak `userinfo` (bearer)", warden.sessionRead(), keycloak.sessionRead());
		if (warden.tokenRead() != null) {
			row(out, "same, Warden with an API token", warden.tokenRead(), keycloak.sessionRead());
		}
		out.append(String.format(Locale.ROOT,
				"| resident memory at peak | %,d MB (six service JVMs; the embedded PostgreSQL and Redis besides: %,d MB) | %,d MB "
						+ "(one JVM, H2 inside) | %.2f× |%n",
				warden.peakRss() >> 20, warden.infrastructureRss() >> 20, keycloak.peakRss() >> 20,
				(double) warden.peakRss() / keycloak.peakRss()));
		out.append(String.format(Locale.ROOT,
				"| ready after start | %.1f s (all six; a second start, with the class data sharing archives the first wrote) | %.1f s | %.2f× |%n",
				warden.readySeconds(), keycloak.readySeconds(), warden.readySeconds() / keycloak.readySeconds()));
		out.append(String.format(Locale.ROOT,
				"%nWarden's hash ceiling: one Argon2id check at its parameters takes %.1f ms (p50; p99 %.1f ms) "
						+ "in this JVM, and %d threads checking at once, one per core, manage %.1f checks/s with "
						+ "nothing else running; sign-in reaches %.2f× of that.%n",
				hash[0], hash[1], cores, ceiling, warden.signIns().opsPerSecond() / ceiling));
		out.append("\nWhere the cores went (CPU time of each process while the figure ran, warm-up included):\n\n");
		warden.cpuShares()
			.forEach((figure,
					shares) -> out.append("- Warden, ").append(figure).append(": ").append(shares).append('\n'));
		keycloak.cpuShares()
			.forEach((figure,
					shares) -> out.append("- Keycloak, ").append(figure).append(": ").append(shares).append('\n'));
		out.append("\nPeak resident memory of each Warden service: ")
			.append(warden.peakRssByName()
				.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + " " + (entry.getValue() >> 20) + " MB")
				.collect(java.util.stream.Collectors.joining(", ")))
			.append(".\n");
		out.append("\nReproduce: `bench/run.sh keycloak` (fetches Keycloak from Maven Central, needs a JDK 21+ "
				+ "for both; set `WARDEN_JAVA_OPTS` to change Warden's JVM options).\n");
		return out.toString();
	}

	private static void row(StringBuilder out, String what, Measurement warden, Measurement keycloak) {
		out.append(String.format(Locale.ROOT,
				"| %s | %,.1f/s, p50 %.1f ms, p99 %.1f ms | %,.1f/s, p50 %.1f ms, p99 %.1f ms | %.2f× (p99 %.2f×) |%n",
				what, warden.opsPerSecond(), warden.p50Millis(), warden.p99Millis(), keycloak.opsPerSecond(),
				keycloak.p50Millis(), keycloak.p99Millis(), warden.opsPerSecond() / keycloak.opsPerSecond(),
				warden.p99Millis() / keycloak.p99Millis()));
	}

	/**
	 * With {@code WARDEN_BENCH_JFR=true}, a Java Flight Recording (CPU and allocation
	 * profile) of every service JVM during each of Warden's figures, written to
	 * bench/target/bench-keycloak/jfr/(figure)-(service).jfr.
	 */
	private static final class Profiler {

		private final LocalSuite suite;

		private final Path directory;

		private final boolean enabled = Boolean.parseBoolean(System.getenv("WARDEN_BENCH_JFR"));

		Profiler(LocalSuite suite, Path work) {
			this.suite = suite;
			this.directory = work.resolve("jfr");
		}

		Measurement around(String figure, Supplier<Measurement> load) {
			if (!this.enabled) {
				return load.get();
			}
			this.suite.processes()
				.forEach((process) -> jcmd(process.pid(), "JFR.start", "name=bench", "settings=profile"));
			try {
				return load.get();
			}
			finally {
				this.suite.processes()
					.forEach((process) -> jcmd(process.pid(), "JFR.stop", "name=bench",
							"filename=" + this.directory.resolve(figure + "-" + process.service().module() + ".jfr")));
			}
		}

		private void jcmd(long pid, String... command) {
			try {
				Files.createDirectories(this.directory);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			List<String> line = new ArrayList<>(
					List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
			line.addAll(List.of(command));
			Commands.run(line, Map.of());
		}

	}

	/** One side's figures. */
	private record Side(Measurement signIns, Measurement sessionRead, Measurement tokenRead, long peakRss,
			Map<String, Long> peakRssByName, long infrastructureRss, double readySeconds, String jvm,
			Map<String, String> cpuShares) {
	}

	/**
	 * The largest total resident memory seen while loads ran, and each named process's
	 * own peak.
	 */
	private static final class PeakMemory {

		private final Supplier<List<ProcessCpu.Named>> processes;

		private final AtomicLong peak = new AtomicLong();

		private final Map<String, Long> byName = new ConcurrentHashMap<>();

		PeakMemory(Supplier<List<ProcessCpu.Named>> processes) {
			this.processes = processes;
		}

		Measurement during(Supplier<Measurement> load) {
			AtomicBoolean loading = new AtomicBoolean(true);
			Thread sampler = new Thread(() -> {
				while (loading.get()) {
					sample();
					try {
						Thread.sleep(500);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "rss-sampler");
			sampler.setDaemon(true);
			sampler.start();
			try {
				return load.get();
			}
			finally {
				loading.set(false);
			}
		}

		private void sample() {
			Map<String, Long> now = new LinkedHashMap<>();
			this.processes.get().forEach((process) -> now.merge(process.name(), rss(process.pid()), Long::sum));
			this.peak.accumulateAndGet(now.values().stream().mapToLong(Long::longValue).sum(), Math::max);
			now.forEach((name, bytes) -> this.byName.merge(name, bytes, Math::max));
		}

		long bytes() {
			return this.peak.get();
		}

		Map<String, Long> byName() {
			return new TreeMap<>(this.byName);
		}

	}

}
