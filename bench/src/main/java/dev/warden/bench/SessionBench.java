package dev.warden.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.warden.infra.FreePorts;
import dev.warden.infra.InfrastructureSettings;
import dev.warden.infra.RedisAcl;
import dev.warden.launcher.LocalSuite;
import dev.warden.launcher.ServiceProcess;
import dev.warden.launcher.SuiteOptions;
import dev.warden.launcher.WardenService;

/**
 * Measures session-service where it runs, next to a baseline from the same run:
 * introspection (the gateway's hot path) with wrk against {@code redis-benchmark -t get}
 * on the same Redis, and Redis memory per session with 100,000 sessions. Writes a
 * Markdown and a JSON report under {@code bench/results/}.
 */
public final class SessionBench {

	/**
	 * Warm-up runs are discarded until throughput settles (two runs within
	 * {@link #SETTLED} of each other), at least this many: C2 on two shared cores needs a
	 * minute or more of load (measured here: 0.9k, 1.2k, 1.4k, 2.1k, 2.9k, 3.7k, 3.9k
	 * req/s in seven 15 s runs).
	 */
	static final int WARMUPS = 4;

	static final int MAX_WARMUPS = 14;

	static final double SETTLED = 0.05;

	static final int RUNS = 3;

	/**
	 * Connections of the load generator: enough to keep two cores busy without drowning
	 * them in threads.
	 */
	static final int CONNECTIONS = 16;

	static final int MEMORY_USERS = 10_000;

	static final int SESSIONS_PER_USER = 10;

	private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

	private String sessionUrl;

	private LocalSuite suite;

	private String redisPassword;

	private SessionBench() {
	}

	public static void main(String[] args) throws Exception {
		new SessionBench().run(Path.of(System.getProperty("warden.root", ".")).toAbsolutePath().normalize());
		System.exit(0);
	}

	private void run(Path root) throws Exception {
		Path work = Files.createDirectories(root.resolve("launcher/target/bench"));
		// The baseline and the memory readings go to Redis directly, as a user of their
		// own.
		InfrastructureSettings infrastructure = InfrastructureSettings.ephemeral().withRedisUser(RedisAcl.TEST);
		this.redisPassword = infrastructure.redisPasswords().get(RedisAcl.TEST.name());
		SuiteOptions options = new SuiteOptions(root, infrastructure, Map.of(),
				Map.of(WardenService.SESSION, FreePorts.next()), Map.of(),
				List.of("-Xms256m", "-Xmx512m", "-XX:+UseParallelGC"), work.resolve("logs"),
				EnumSet.of(WardenService.SESSION));
		try (LocalSuite suite = LocalSuite.start(options, Duration.ofMinutes(3))) {
			// Ctrl-C must not leave the service JVM and the embedded servers behind.
			Runtime.getRuntime().addShutdownHook(new Thread(suite::close, "bench-stop"));
			this.sessionUrl = suite.url(WardenService.SESSION);
			this.suite = suite;
			int redisPort = suite.infrastructure().redis().port();
			ServiceProcess service = suite.processes().get(0);
			System.out.println("session-service up; creating 1,000 sessions for the introspection run ...");
			Path secrets = work.resolve("secrets.txt");
			Files.write(secrets, createSessions(100, 10));

			// As the gateway calls it: with the gateway's service token (valid a minute;
			// the run takes 15 s).
			Map<String, String> wrkEnv = Map.of("WARDEN_BENCH_SECRETS", secrets.toString(),
					"WARDEN_SERVICE_AUTHORIZATION",
					suite.serviceAuthorization(WardenService.GATEWAY, WardenService.SESSION));
			// One wrk thread: the generator shares the two cores with the service and
			// Redis.
			List<String> wrk = List.of("wrk", "-t1", "-c" + CONNECTIONS, "-d15s", "--latency", "-s",
					root.resolve("bench/wrk/introspect.lua").toString(),
					this.sessionUrl + "/internal/sessions/introspect");
			List<String> redisBenchmark = List.of("redis-benchmark", "-h", "127.0.0.1", "-p", String.valueOf(redisPort),
					"--user", RedisAcl.TEST.name(), "-a", this.redisPassword, "-t", "get", "-n", "300000", "-c",
					String.valueOf(CONNECTIONS), "--csv");

			double previous = 0;
			for (int i = 0; i < MAX_WARMUPS; i++) {
				Measurement warmup = Measurement.fromWrk(Commands.run(wrk, wrkEnv));
				System.out.printf("introspect warm-up %d: %.0f req/s%n", i + 1, warmup.opsPerSecond());
				boolean settled = Math.abs(warmup.opsPerSecond() - previous) <= SETTLED * previous;
				previous = warmup.opsPerSecond();
				if (i + 1 >= WARMUPS && settled) {
					break;
				}
			}
			List<Measurement> introspect = new ArrayList<>();
			List<Double> introspectPerCpu = new ArrayList<>();
			for (int i = 0; i < RUNS; i++) {
				double cpuBefore = processCpuSeconds(service.pid()) + redisCpuSeconds(redisPort);
				Measurement run = Measurement.fromWrk(Commands.run(wrk, wrkEnv));
				double cpu = processCpuSeconds(service.pid()) + redisCpuSeconds(redisPort) - cpuBefore;
				System.out.printf("introspect run %d: %.0f req/s, p50 %.2f ms, p99 %.2f ms, %.1f CPU-s%n", i + 1,
						run.opsPerSecond(), run.p50Millis(), run.p99Millis(), cpu);
				introspect.add(run);
				introspectPerCpu.add(run.opsPerSecond() * 15 / cpu);
			}
			List<Measurement> redisGet = new ArrayList<>();
			List<Double> redisPerCpu = new ArrayList<>();
			for (int i = 0; i < 1 + RUNS; i++) {
				double cpuBefore = redisCpuSeconds(redisPort);
				Measurement run = Measurement.fromRedisBenchmarkCsv(Commands.run(redisBenchmark, Map.of()));
				double cpu = redisCpuSeconds(redisPort) - cpuBefore;
				System.out.printf("redis GET run %d%s: %.0f ops/s, p50 %.3f ms, p99 %.3f ms%n", i + 1,
						i < 1 ? " (warm-up)" : "", run.opsPerSecond(), run.p50Millis(), run.p99Millis());
				if (i >= 1) {
					redisGet.add(run);
					redisPerCpu.add(300_000 / cpu);
				}
			}

			System.out.printf("creating %,d sessions (%,d users x %d) for the memory figure ...%n",
					MEMORY_USERS * SESSIONS_PER_USER, MEMORY_USERS, SESSIONS_PER_USER);
			waitForEmptyOutbox(redisPort);
			long usedBefore = redisUsedMemory(redisPort);
			createSessions(MEMORY_USERS, SESSIONS_PER_USER);
			waitForEmptyOutbox(redisPort);
			long usedAfter = redisUsedMemory(redisPort);
			double bytesPerSession = (usedAfter - usedBefore) / (double) (MEMORY_USERS * SESSIONS_PER_USER);

			Report report = new Report(machine(), Measurement.median(introspect), median(introspectPerCpu),
					Measurement.median(redisGet), median(redisPerCpu), bytesPerSession);
			report.write(root.resolve("bench/results"),
					"sessions-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")));
		}
	}

	private List<String> createSessions(int users, int perUser) throws Exception {
		List<Future<String>> created = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(16);
		String prefix = "bench-" + System.nanoTime() + "-";
		for (int user = 0; user < users; user++) {
			for (int session = 0; session < perUser; session++) {
				String userId = prefix + user;
				created.add(pool.submit(() -> createSession(userId)));
			}
		}
		List<String> secrets = new ArrayList<>(created.size());
		for (Future<String> future : created) {
			secrets.add(future.get());
		}
		pool.shutdown();
		return secrets;
	}

	/**
	 * Opens a session as auth-service does and returns what the gateway asks by: the hash
	 * of its cookie value.
	 */
	private String createSession(String userId) throws IOException, InterruptedException {
		return dev.warden.serviceidentity.session.SessionSecrets
			.hash(this.suite.openSession(userId, List.of("USER"), CHROME));
	}

	private void waitForEmptyOutbox(int redisPort) throws InterruptedException {
		for (int i = 0; i < 600; i++) {
			String length = redisCli(redisPort, "XLEN", "warden:session:outbox").trim();
			if (length.equals("0")) {
				return;
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("the session outbox did not drain");
	}

	/**
	 * redis-cli as the bench's own user; the password goes in the environment, not on the
	 * command line.
	 */
	private String redisCli(int redisPort, String... command) {
		List<String> line = new ArrayList<>(
				List.of("redis-cli", "-p", String.valueOf(redisPort), "--user", RedisAcl.TEST.name()));
		line.addAll(List.of(command));
		return Commands.run(line, Map.of("REDISCLI_AUTH", this.redisPassword));
	}

	private long redisUsedMemory(int redisPort) {
		return Long.parseLong(redisInfo(redisPort, "memory", "used_memory"));
	}

	private double redisCpuSeconds(int redisPort) {
		return Double.parseDouble(redisInfo(redisPort, "cpu", "used_cpu_user"))
				+ Double.parseDouble(redisInfo(redisPort, "cpu", "used_cpu_sys"));
	}

	private String redisInfo(int redisPort, String section, String field) {
		String info = redisCli(redisPort, "INFO", section);
		for (String line : info.split("\\R")) {
			if (line.startsWith(field + ":")) {
				return line.substring(field.length() + 1).trim();
			}
		}
		throw new IllegalStateException("no " + field + " in INFO " + section);
	}

	/**
	 * user + system CPU seconds of a process, from /proc (clock ticks of 1/100 s on
	 * Linux).
	 */
	private static double processCpuSeconds(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

	private static Map<String, String> machine() throws IOException {
		Map<String, String> machine = new LinkedHashMap<>();
		machine.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
		for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
			if (line.startsWith("MemTotal:")) {
				machine.put("memory", line.substring("MemTotal:".length()).trim());
			}
		}
		for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
			if (line.startsWith("model name")) {
				machine.put("cpu", line.substring(line.indexOf(':') + 1).trim());
				break;
			}
		}
		machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
		machine.put("redis", "embedded-redis 6.2.6 binary");
		return machine;
	}

}
