package dev.warden.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nimbusds.jose.jwk.ECKey;
import dev.warden.infra.FreePorts;
import dev.warden.infra.InfrastructureSettings;
import dev.warden.infra.test.TestJwts;
import dev.warden.launcher.LocalSuite;
import dev.warden.launcher.RandomSecrets;
import dev.warden.launcher.SuiteOptions;
import dev.warden.launcher.WardenService;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Measures sign-in through the gateway (gateway → auth-service → Argon2id check →
 * session-service → outbox) next to its floor measured in the same run: one Argon2id
 * check at auth-service's parameters (m=19456 KiB, t=2, p=1) in this JVM. Sign-in is
 * meant to cost about one hash; the ratio shows what the rest adds.
 */
public final class LoginBench {

	static final int USERS = 40;

	static final int HASH_SAMPLES = 200;

	static final int WARMUPS = 4;

	static final int RUNS = 3;

	private final HttpClient http = HttpClient.newHttpClient();

	LoginBench() {
	}

	public static void main(String[] args) throws Exception {
		new LoginBench().run(Path.of(System.getProperty("warden.root", ".")).toAbsolutePath().normalize());
		System.exit(0);
	}

	private void run(Path root) throws Exception {
		Path work = Files.createDirectories(root.resolve("launcher/target/bench-login"));
		ECKey key = TestJwts.generateKey();
		TestJwts gateway = TestJwts.withKey(key);
		Map<WardenService, Integer> ports = new EnumMap<>(WardenService.class);
		for (WardenService service : List.of(WardenService.GATEWAY, WardenService.AUTH, WardenService.SESSION)) {
			ports.put(service, FreePorts.next());
		}
		SuiteOptions options = new SuiteOptions(root, InfrastructureSettings.ephemeral(), Map.of(), ports,
				Map.of("WARDEN_IDENTITY_SIGNING_KEY", key.toJSONString(), "WARDEN_COOKIE_SECURE", "false",
						// The benchmark is one client address; the per-IP sign-in limit
						// would measure itself.
						"WARDEN_GATEWAY_RATELIMIT_LOGIN_PERSECOND", "100000", "WARDEN_GATEWAY_RATELIMIT_LOGIN_BURST",
						"100000"),
				List.of("-Xms256m", "-Xmx512m", "-XX:+UseParallelGC"), work.resolve("logs"),
				EnumSet.of(WardenService.GATEWAY, WardenService.AUTH, WardenService.SESSION));
		try (LocalSuite suite = LocalSuite.start(options, Duration.ofMinutes(3))) {
			Runtime.getRuntime().addShutdownHook(new Thread(suite::close, "bench-stop"));
			Path users = work.resolve("users.txt");
			Files.write(users, createUsers(suite.url(WardenService.AUTH), gateway));
			String loginUrl = suite.url(WardenService.GATEWAY) + "/api/auth/login";
			Map<String, String> env = Map.of("WARDEN_BENCH_USERS", users.toString());
			String script = root.resolve("bench/wrk/login.lua").toString();
			List<String> single = List.of("wrk", "-t1", "-c1", "-d15s", "--latency", "-s", script, loginUrl);
			List<String> loaded = List.of("wrk", "-t1", "-c4", "-d15s", "--latency", "-s", script, loginUrl);

			for (int i = 0; i < WARMUPS; i++) {
				Measurement warmup = checked(Commands.run(loaded, env));
				System.out.printf("login warm-up %d: %.0f req/s%n", i + 1, warmup.opsPerSecond());
			}
			List<Measurement> one = new ArrayList<>();
			List<Measurement> four = new ArrayList<>();
			for (int i = 0; i < RUNS; i++) {
				one.add(checked(Commands.run(single, env)));
				four.add(Measurement.metered(() -> Commands.run(loaded, env), 15, LoginBench::checked));
				System.out.printf(
						"login run %d: 1 client p50 %.1f ms p99 %.1f ms; 4 clients %.1f req/s p50 %.1f ms "
								+ "p99 %.1f ms%n",
						i + 1, one.get(i).p50Millis(), one.get(i).p99Millis(), four.get(i).opsPerSecond(),
						four.get(i).p50Millis(), four.get(i).p99Millis());
			}
			double[] hash = argon2Millis();
			String report = report(Measurement.median(one), Measurement.median(four), hash);
			Path directory = Files.createDirectories(root.resolve("bench/results"));
			String name = "login-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm"));
			Files.writeString(directory.resolve(name + ".md"), report);
			System.out.println(report);
			System.out.println("Written to " + directory.resolve(name + ".md"));
		}
	}

	/**
	 * Users created through auth-service's administration API. Their passwords are
	 * temporary (an administrator sets no other kind), which costs a sign-in nothing
	 * more: it only flags the session for the change.
	 */
	List<String> createUsers(String authUrl, TestJwts gateway) throws Exception {
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < USERS; i++) {
			String admin = gateway.forUser("00000000-0000-0000-0000-000000000001")
				.roles("USER", "ADMIN")
				.audience("auth-service")
				.session("benchAdminSession00001")
				.authTime(java.time.Instant.now())
				.bearer();
			String email = "bench-" + i + "-" + RandomSecrets.generate(6).toLowerCase(Locale.ROOT) + "@example.test";
			String password = "tidal " + RandomSecrets.generate(20);
			String body = "{\"email\":\"" + email + "\",\"displayName\":\"Bench User\",\"roles\":[\"USER\"],"
					+ "\"password\":\"" + password + "\"}";
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(URI.create(authUrl + "/api/admin/users"))
					.header("Authorization", admin)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 201) {
				throw new IllegalStateException(
						"user creation failed: " + response.statusCode() + " " + response.body());
			}
			lines.add(email + " " + password);
		}
		return lines;
	}

	/**
	 * p50 and p99 of one Argon2id check at auth-service's parameters, after warming the
	 * JIT.
	 */
	static double[] argon2Millis() {
		Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, 1, 19_456, 2);
		String hash = argon2.encode("a benchmark password of ordinary length");
		for (int i = 0; i < 50; i++) {
			argon2.matches("a benchmark password of ordinary length", hash);
		}
		double[] millis = new double[HASH_SAMPLES];
		for (int i = 0; i < HASH_SAMPLES; i++) {
			long start = System.nanoTime();
			argon2.matches("a benchmark password of ordinary length", hash);
			millis[i] = (System.nanoTime() - start) / 1e6;
		}
		Arrays.sort(millis);
		return new double[] { millis[HASH_SAMPLES / 2], millis[HASH_SAMPLES * 99 / 100] };
	}

	/**
	 * Argon2id checks per second at auth-service's parameters with one thread per core
	 * hashing at once: the ceiling sign-ins meet when nothing else runs, measured rather
	 * than derived from one check's time (parallel checks share memory bandwidth).
	 */
	static double argon2PerSecond(int threads, Duration duration) throws InterruptedException {
		Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, 1, 19_456, 2);
		String hash = argon2.encode("a benchmark password of ordinary length");
		java.util.concurrent.atomic.AtomicLong checks = new java.util.concurrent.atomic.AtomicLong();
		long end = System.nanoTime() + duration.toNanos();
		List<Thread> workers = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < threads; i++) {
			Thread worker = new Thread(() -> {
				while (System.nanoTime() < end) {
					argon2.matches("a benchmark password of ordinary length", hash);
					checks.incrementAndGet();
				}
			}, "argon2-" + i);
			worker.start();
			workers.add(worker);
		}
		for (Thread worker : workers) {
			worker.join();
		}
		return checks.get() / ((System.nanoTime() - start) / 1e9);
	}

	private static Measurement checked(String wrkOutput) {
		if (wrkOutput.contains("Non-2xx or 3xx responses")) {
			throw new IllegalStateException("sign-ins failed during the run:\n" + wrkOutput);
		}
		return Measurement.fromWrk(wrkOutput);
	}

	private static String report(Measurement one, Measurement four, double[] hash) {
		StringBuilder out = new StringBuilder("# Sign-in benchmark\n\n");
		out.append(String.format(Locale.ROOT, "Machine: %d cores, %s. Median of %d runs of 15 s after %d warm-ups; "
				+ "gateway, auth-service, session-service, PostgreSQL, Redis, Kafka and wrk share the cores.%n%n",
				Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), RUNS, WARMUPS));
		out.append("| figure | value | baseline (same run) | ratio |\n|---|---|---|---|\n");
		out.append(String.format(Locale.ROOT,
				"| sign-in through the gateway, 1 client | p50 %.1f ms, p99 %.1f ms (%.1f/s) | one Argon2id check "
						+ "(m=19456 KiB, t=2, p=1): p50 %.1f ms, p99 %.1f ms | p50 %.2f× |%n",
				one.p50Millis(), one.p99Millis(), one.opsPerSecond(), hash[0], hash[1], one.p50Millis() / hash[0]));
		out.append(String.format(Locale.ROOT,
				"| sign-in through the gateway, 4 clients | %.1f/s, p50 %.1f ms, p99 %.1f ms | 2 cores / one check = "
						+ "%.1f checks/s | %.2f× |%n",
				four.opsPerSecond(), four.p50Millis(), four.p99Millis(), 2000 / hash[0],
				four.opsPerSecond() / (2000 / hash[0])));
		out.append(String.format(Locale.ROOT,
				"| sign-ins per busy CPU-second (whole machine, 4 clients) | %.1f | Argon2id checks per CPU-second = "
						+ "%.1f | %.2f× |%n",
				four.perCpuSecond(), 1000 / hash[0], four.perCpuSecond() / (1000 / hash[0])));
		out.append("\nReproduce: `bench/run.sh login`.\n");
		return out.toString();
	}

}
