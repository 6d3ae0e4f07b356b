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
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.warden.infra.FreePorts;
import dev.warden.infra.InfrastructureSettings;
import dev.warden.launcher.LocalSuite;
import dev.warden.launcher.RandomSecrets;
import dev.warden.launcher.ServiceProcess;
import dev.warden.launcher.SuiteOptions;
import dev.warden.launcher.WardenService;

/**
 * Footprint of the suite as {@code ./run-local.sh} runs it (the same JVM options): time
 * from start to all six services ready (median of three cold starts, embedded
 * infrastructure included), then each service's resident memory idle and its peak under
 * load — wrk on {@code /api/me} through the gateway while a second client lists sessions,
 * tokens and the security log and creates and revokes tokens, so every service works.
 */
public final class FootprintBench {

	static final int STARTS = Integer.getInteger("warden.bench.starts", 3);

	static final Duration LOAD = Duration.ofSeconds(40);

	private final HttpClient http = HttpClient.newHttpClient();

	private FootprintBench() {
	}

	public static void main(String[] args) throws Exception {
		new FootprintBench().run(Path.of(System.getProperty("warden.root", ".")).toAbsolutePath().normalize());
		System.exit(0);
	}

	private void run(Path root) throws Exception {
		Path work = Files.createDirectories(root.resolve("launcher/target/bench-footprint"));
		String adminEmail = "bench.admin@example.test";
		String adminPassword = RandomSecrets.generate(24);
		List<Double> startSeconds = new ArrayList<>();
		for (int start = 1; start <= STARTS; start++) {
			SuiteOptions options = options(root, work, adminEmail, adminPassword);
			long began = System.nanoTime();
			LocalSuite suite = LocalSuite.start(options, Duration.ofMinutes(5));
			double seconds = (System.nanoTime() - began) / 1e9;
			startSeconds.add(seconds);
			System.out.printf("start %d: all six ready in %.1f s%n", start, seconds);
			if (start < STARTS) {
				suite.close();
				continue;
			}
			try (suite) {
				Thread.sleep(20_000); // settle: start-up garbage collected, pools at
										// their idle size
				Map<WardenService, Long> idle = rss(suite);
				Map<WardenService, Long> peak = new EnumMap<>(idle);
				String cookie = GatewayBench.login(this.http, suite.url(WardenService.GATEWAY), adminEmail,
						adminPassword);
				AtomicBoolean loading = new AtomicBoolean(true);
				AtomicLong calls = new AtomicLong();
				Thread mixed = new Thread(() -> mixedLoad(suite.url(WardenService.GATEWAY), cookie, loading, calls));
				mixed.start();
				Thread sampler = new Thread(() -> {
					while (loading.get()) {
						rss(suite).forEach((service, bytes) -> peak.merge(service, bytes, Math::max));
						sleep(1000);
					}
				});
				sampler.start();
				String wrk = Commands.run(
						List.of("wrk", "-t1", "-c8", "-d" + LOAD.toSeconds() + "s", "--latency", "-H",
								"Cookie: warden_session=" + cookie, suite.url(WardenService.GATEWAY) + "/api/me"),
						Map.of());
				loading.set(false);
				mixed.join();
				sampler.join();
				Measurement me = Measurement.fromWrk(wrk);
				String report = report(startSeconds, idle, peak, me, calls.get());
				Path directory = Files.createDirectories(root.resolve("bench/results"));
				String name = "footprint-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm"));
				Files.writeString(directory.resolve(name + ".md"), report);
				Files.writeString(directory.resolve(name + ".json"), json(startSeconds, idle, peak, me, calls.get()));
				System.out.println(report);
				System.out.println("Written to " + directory.resolve(name + ".md"));
			}
		}
	}

	private static SuiteOptions options(Path root, Path work, String adminEmail, String adminPassword) {
		Map<WardenService, Integer> ports = new EnumMap<>(WardenService.class);
		for (WardenService service : WardenService.values()) {
			ports.put(service, FreePorts.next());
		}
		return new SuiteOptions(root, InfrastructureSettings.ephemeral(), Map.of(), ports,
				Map.of("WARDEN_COOKIE_SECURE", "false", "WARDEN_BOOTSTRAP_ADMIN_EMAIL", adminEmail,
						"WARDEN_BOOTSTRAP_ADMIN_PASSWORD", adminPassword,
						// The client signs the administrator in as it is; no forced
						// password change first.
						"WARDEN_BOOTSTRAP_ADMIN_PASSWORDCHANGEREQUIRED", "false", "WARDEN_TWOFACTOR_KEYS",
						"bench:" + java.util.Base64.getEncoder().encodeToString(new byte[32]), "WARDEN_AUDIT_CHAINKEYS",
						"bench:" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
						"WARDEN_GATEWAY_RATELIMIT_SENSITIVE_PERSECOND", "100000",
						"WARDEN_GATEWAY_RATELIMIT_SENSITIVE_BURST", "100000"),
				jvmOptions(), work.resolve("logs"), EnumSet.allOf(WardenService.class));
	}

	/**
	 * run-local's options, plus any given in {@code warden.bench.jvm-extra} (e.g. a JFR
	 * recording).
	 */
	private static List<String> jvmOptions() {
		List<String> options = new ArrayList<>(SuiteOptions.DEFAULT_JVM_OPTIONS);
		String extra = System.getProperty("warden.bench.jvm-extra", "").strip();
		if (!extra.isEmpty()) {
			options.addAll(List.of(extra.split("\\s+")));
		}
		return options;
	}

	/** Resident set size of each service's JVM, from /proc. */
	private static Map<WardenService, Long> rss(LocalSuite suite) {
		Map<WardenService, Long> sizes = new EnumMap<>(WardenService.class);
		for (ServiceProcess process : suite.processes()) {
			try {
				for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
					if (line.startsWith("VmRSS:")) {
						sizes.put(process.service(), Long.parseLong(line.replaceAll("\\D", "")) * 1024);
					}
				}
			}
			catch (java.io.IOException ex) {
				throw new IllegalStateException("cannot read the memory of " + process.service(), ex);
			}
		}
		return sizes;
	}

	private void mixedLoad(String gateway, String cookie, AtomicBoolean loading, AtomicLong calls) {
		String csrf = "bench-csrf-token-0123456789";
		int i = 0;
		while (loading.get()) {
			try {
				for (String path : List.of("/api/security/sessions", "/api/security/tokens", "/api/security/log",
						"/api/security/two-factor", "/api/security/password/policy")) {
					send(gateway, "GET", path, cookie, csrf, null);
					calls.incrementAndGet();
				}
				if (i++ % 5 == 0) {
					HttpResponse<String> created = send(gateway, "POST", "/api/security/tokens", cookie, csrf,
							"{\"name\":\"bench " + i + "\",\"validityMonths\":1,\"role\":\"USER\"}");
					String id = created.body().replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1");
					send(gateway, "DELETE", "/api/security/tokens/" + id, cookie, csrf, null);
					calls.addAndGet(2);
				}
			}
			catch (Exception ex) {
				sleep(100);
			}
		}
	}

	private HttpResponse<String> send(String gateway, String method, String path, String cookie, String csrf,
			String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(gateway + path))
			.header("Cookie", "warden_session=" + cookie + "; XSRF-TOKEN=" + csrf)
			.header("X-XSRF-TOKEN", csrf)
			.header("Content-Type", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String report(List<Double> starts, Map<WardenService, Long> idle, Map<WardenService, Long> peak,
			Measurement me, long calls) {
		StringBuilder md = new StringBuilder("# Footprint\n\n").append(Machine.describe())
			.append("\nJVM options of each service: `")
			.append(String.join(" ", SuiteOptions.DEFAULT_JVM_OPTIONS))
			.append("` (as `./run-local.sh`).\n\n")
			.append(String.format(Locale.ROOT,
					"Start to all six services ready (embedded PostgreSQL, Redis, Kafka, SMTP "
							+ "included, no build): runs %s s, **median %.1f s**.%n%n",
					starts.stream().map((s) -> String.format(Locale.ROOT, "%.1f", s)).toList(), median(starts)))
			.append("| service | RSS idle | RSS peak under load | goal |\n|---|---|---|---|\n");
		for (WardenService service : WardenService.values()) {
			md.append(String.format(Locale.ROOT, "| %s | %d MB | %d MB | ≤ 300 MB |%n", service.module(),
					idle.get(service) / 1_000_000, peak.get(service) / 1_000_000));
		}
		md.append(String
			.format(Locale.ROOT, "%nLoad: wrk -c8 on /api/me through the gateway for %d s (%.0f req/s, p99 %.1f ms) "
					+ "and, alongside, %d calls listing sessions, tokens, the log, two-factor status and the policy and "
					+ "creating/revoking tokens.%n", LOAD.toSeconds(), me.opsPerSecond(), me.p99Millis(), calls));
		return md.toString();
	}

	private static String json(List<Double> starts, Map<WardenService, Long> idle, Map<WardenService, Long> peak,
			Measurement me, long calls) {
		StringBuilder json = new StringBuilder("{\"startSeconds\":").append(starts)
			.append(String.format(Locale.ROOT, ",\"startMedianSeconds\":%.2f,\"services\":{", median(starts)));
		List<String> entries = new ArrayList<>();
		for (WardenService service : WardenService.values()) {
			entries.add(String.format(Locale.ROOT, "\"%s\":{\"rssIdleBytes\":%d,\"rssPeakBytes\":%d}", service.module(),
					idle.get(service), peak.get(service)));
		}
		json.append(String.join(",", entries))
			.append(String.format(Locale.ROOT,
					"},\"load\":{\"meRequestsPerSecond\":%.1f,\"meP99Millis\":%.2f,\"mixedCalls\":%d}}%n",
					me.opsPerSecond(), me.p99Millis(), calls));
		return json.toString();
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(Double::compare);
		return sorted.get(sorted.size() / 2);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
