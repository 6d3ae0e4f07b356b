package dev.warden.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.nimbusds.jose.jwk.ECKey;
import dev.warden.event.ApiTokenFormat;
import dev.warden.infra.FreePorts;
import dev.warden.infra.InfrastructureSettings;
import dev.warden.infra.test.TestJwts;
import dev.warden.launcher.LocalSuite;
import dev.warden.launcher.RandomSecrets;
import dev.warden.launcher.SuiteOptions;
import dev.warden.launcher.WardenService;

/**
 * Measures the gateway and API-token introspection where it runs, each next to a baseline
 * from the same run:
 * <ul>
 * <li>{@code GET /api/me} through the gateway with a session cookie (introspection
 * cached, internal JWT minted) next to the same call straight to auth-service with a JWT,
 * and next to the gateway refusing an unauthenticated call (its floor);</li>
 * <li>token-service introspection of live tokens (asked by hash, as the gateway asks: one
 * indexed PostgreSQL lookup that finds the token) next to the same endpoint asked about
 * tokens never issued (the lookup finds nothing).</li>
 * </ul>
 */
public final class GatewayBench {

	static final int WARMUPS = 4;

	static final int RUNS = 3;

	static final int CONNECTIONS = 16;

	private final HttpClient http = HttpClient.newHttpClient();

	GatewayBench() {
	}

	public static void main(String[] args) throws Exception {
		new GatewayBench().run(Path.of(System.getProperty("warden.root", ".")).toAbsolutePath().normalize());
		System.exit(0);
	}

	private void run(Path root) throws Exception {
		Path work = Files.createDirectories(root.resolve("launcher/target/bench-gateway"));
		ECKey key = TestJwts.generateKey();
		TestJwts gatewayKey = TestJwts.withKey(key);
		String adminPassword = "tidal " + RandomSecrets.generate(20);
		Map<WardenService, Integer> ports = new EnumMap<>(WardenService.class);
		EnumSet<WardenService> services = EnumSet.of(WardenService.GATEWAY, WardenService.AUTH, WardenService.SESSION,
				WardenService.TOKEN);
		services.forEach((service) -> ports.put(service, FreePorts.next()));
		SuiteOptions options = new SuiteOptions(root, InfrastructureSettings.ephemeral(), Map.of(), ports,
				Map.of("WARDEN_IDENTITY_SIGNING_KEY", key.toJSONString(), "WARDEN_COOKIE_SECURE", "false",
						"WARDEN_BOOTSTRAP_ADMIN_EMAIL", "bench.admin@example.test", "WARDEN_BOOTSTRAP_ADMIN_PASSWORD",
						adminPassword,
						// The benchmark signs the administrator in as it is; no forced
						// password change first.
						"WARDEN_BOOTSTRAP_ADMIN_PASSWORDCHANGEREQUIRED", "false"),
				List.of("-Xms256m", "-Xmx512m", "-XX:+UseParallelGC"), work.resolve("logs"), services);
		try (LocalSuite suite = LocalSuite.start(options, Duration.ofMinutes(3))) {
			Runtime.getRuntime().addShutdownHook(new Thread(suite::close, "bench-stop"));
			String gateway = suite.url(WardenService.GATEWAY);
			String cookie = login(this.http, gateway, "bench.admin@example.test", adminPassword);
			String userId = me(gateway, cookie);

			List<String> tokens = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				tokens.add(createToken(suite, gatewayKey, userId, "bench " + i));
			}
			Path tokenFile = work.resolve("token-hashes.txt");
			Files.write(tokenFile, tokens.stream().map(ApiTokenFormat::hash).toList());
			Path unknownFile = work.resolve("unknown-token-hashes.txt");
			Files.write(unknownFile,
					tokens.stream().map((token) -> ApiTokenFormat.hash(ApiTokenFormat.newToken())).toList());
			String script = root.resolve("bench/wrk/tokens.lua").toString();
			String introspect = suite.url(WardenService.TOKEN) + "/internal/tokens/introspect";

			Measurement viaGateway = measure("gateway, session cookie",
					() -> wrk(List.of("-H", "Cookie: warden_session=" + cookie), gateway + "/api/me", Map.of()));
			Measurement direct = measure("auth-service direct, JWT",
					() -> wrk(List.of("-H",
							"Authorization: " + gatewayKey.forUser(userId)
								.roles("USER", "ADMIN")
								.audience("auth-service")
								.session("benchSession0000000001")
								.authTime(Instant.now())
								.lifetime(Duration.ofSeconds(60))
								.bearer()),
							suite.url(WardenService.AUTH) + "/api/me", Map.of()));
			Measurement refused = measure("gateway, no credentials (401)",
					() -> wrk(List.of(), gateway + "/api/me", Map.of()), false);
			Measurement tokenLive = measure("token introspection, live tokens",
					() -> wrk(List.of("-s", script), introspect,
							Map.of("WARDEN_BENCH_TOKENS", tokenFile.toString(), "WARDEN_SERVICE_AUTHORIZATION",
									suite.serviceAuthorization(WardenService.GATEWAY, WardenService.TOKEN))));
			Measurement tokenBroken = measure("token introspection, never issued",
					() -> wrk(List.of("-s", script), introspect,
							Map.of("WARDEN_BENCH_TOKENS", unknownFile.toString(), "WARDEN_SERVICE_AUTHORIZATION",
									suite.serviceAuthorization(WardenService.GATEWAY, WardenService.TOKEN))));

			String report = report(viaGateway, direct, refused, tokenLive, tokenBroken);
			Path directory = Files.createDirectories(root.resolve("bench/results"));
			String name = "gateway-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm"));
			Files.writeString(directory.resolve(name + ".md"), report);
			System.out.println(report);
			System.out.println("Written to " + directory.resolve(name + ".md"));
		}
	}

	/**
	 * Warm-ups discarded, then the median of the runs. A JWT lives 60 s, so each run gets
	 * a fresh command.
	 */
	private static Measurement measure(String what, Supplier<String> run) {
		return measure(what, run, true);
	}

	private static Measurement measure(String what, Supplier<String> run, boolean expectSuccess) {
		for (int i = 0; i < WARMUPS; i++) {
			System.out.printf("%s warm-up %d: %.0f req/s%n", what, i + 1,
					checked(run.get(), expectSuccess).opsPerSecond());
		}
		List<Measurement> runs = new ArrayList<>();
		for (int i = 0; i < RUNS; i++) {
			Measurement measurement = Measurement.metered(run, 15, (output) -> checked(output, expectSuccess));
			System.out.printf("%s run %d: %.0f req/s, p50 %.2f ms, p99 %.2f ms, %.0f per CPU-second%n", what, i + 1,
					measurement.opsPerSecond(), measurement.p50Millis(), measurement.p99Millis(),
					measurement.perCpuSecond());
			runs.add(measurement);
		}
		return Measurement.median(runs);
	}

	private static String wrk(List<String> extra, String url, Map<String, String> env) {
		List<String> command = new ArrayList<>(List.of("wrk", "-t1", "-c" + CONNECTIONS, "-d15s", "--latency"));
		command.addAll(extra);
		command.add(url);
		return Commands.run(command, env);
	}

	/** wrk's output, refusing runs where the expected answer was not the one measured. */
	private static Measurement checked(String output, boolean expectSuccess) {
		boolean failures = output.contains("Non-2xx or 3xx responses");
		if (failures == expectSuccess) {
			throw new IllegalStateException(
					(expectSuccess ? "failed requests" : "unexpected successes") + " in a run:\n" + output);
		}
		return Measurement.fromWrk(output);
	}

	/**
	 * Signs in through the gateway and returns the session cookie's value (the benchmarks
	 * run without Secure).
	 */
	static String login(HttpClient http, String gateway, String email, String password) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/auth/login"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		String header = response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((value) -> value.startsWith("warden_session="))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("sign-in failed: " + response.body()));
		return header.substring("warden_session=".length(), header.indexOf(';'));
	}

	String me(String gateway, String cookie) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/me"))
			.header("Cookie", "warden_session=" + cookie)
			.build(), HttpResponse.BodyHandlers.ofString());
		return response.body().replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1");
	}

	String createToken(LocalSuite suite, TestJwts gatewayKey, String userId, String name) throws Exception {
		String jwt = gatewayKey.forUser(userId)
			.roles("USER", "ADMIN")
			.audience("token-service")
			.session("benchSession0000000001")
			.authTime(Instant.now())
			.bearer();
		// As the gateway creates a token: it makes the value and signs the grant.
		List<String> creation = suite.tokenCreation(userId, "USER", 12);
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create(suite.url(WardenService.TOKEN) + "/api/security/tokens"))
				.header("Authorization", jwt)
				.header("Warden-Token-Value", creation.get(0))
				.header("Warden-Token-Grant", creation.get(1))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"name\":\"" + name + "\",\"validityMonths\":12,\"role\":\"USER\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IllegalStateException("token creation failed: " + response.body());
		}
		return response.body().replaceAll(".*\"token\":\"(wdn_[0-9A-Za-z]+)\".*", "$1");
	}

	private static String report(Measurement viaGateway, Measurement direct, Measurement refused, Measurement tokenLive,
			Measurement tokenBroken) {
		StringBuilder out = new StringBuilder("# Gateway and token benchmark\n\n");
		out.append(String.format(Locale.ROOT,
				"Machine: %d cores, %s. Median of %d runs of 15 s after %d warm-ups; "
						+ "%d connections, one wrk thread; services, infrastructure and wrk share the cores.%n%n",
				Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), RUNS, WARMUPS,
				CONNECTIONS));
		out.append(
				"Per CPU-second: requests divided by the busy CPU time of the whole machine during the run (services, "
						+ "infrastructure and wrk).\n\n");
		out.append("| figure | value | baseline (same run) | ratio |\n|---|---|---|---|\n");
		row(out, "`GET /api/me` through the gateway (cookie)", viaGateway, "straight to auth-service (JWT)", direct);
		row(out, "`GET /api/me` through the gateway (cookie)", viaGateway, "gateway refusing, no credentials (401)",
				refused);
		row(out, "token introspection, live tokens (PostgreSQL lookup)", tokenLive,
				"same endpoint, tokens never issued (lookup misses)", tokenBroken);
		out.append("\nReproduce: `bench/run.sh gateway`.\n");
		return out.toString();
	}

	private static void row(StringBuilder out, String what, Measurement value, String baselineName,
			Measurement baseline) {
		out.append(String.format(Locale.ROOT,
				"| %s | %,.0f req/s, p50 %.2f ms, p99 %.2f ms; %,.0f per CPU-s | %s: %,.0f req/s, "
						+ "p50 %.2f ms, p99 %.2f ms; %,.0f per CPU-s | %.2f× (per CPU-s %.2f×) |%n",
				what, value.opsPerSecond(), value.p50Millis(), value.p99Millis(), value.perCpuSecond(), baselineName,
				baseline.opsPerSecond(), baseline.p50Millis(), baseline.p99Millis(), baseline.perCpuSecond(),
				value.opsPerSecond() / baseline.opsPerSecond(), value.perCpuSecond() / baseline.perCpuSecond()));
	}

}
