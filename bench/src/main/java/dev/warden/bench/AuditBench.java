package dev.warden.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.warden.event.Topics;
import dev.warden.infra.FreePorts;
import dev.warden.infra.InfrastructureSettings;
import dev.warden.infra.kafka.KafkaPrincipals;
import dev.warden.launcher.LocalSuite;
import dev.warden.launcher.SuiteOptions;
import dev.warden.launcher.WardenService;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Security-log ingest benchmark: 20,000 events published at once, stored once each in the
 * hash chain; sustained events/s and event-to-queryable latency (recorded_at − event
 * time) from the rows themselves. Baseline in the same run: the same number of single-row
 * autocommit INSERTs of the same size into the same PostgreSQL from one client, without
 * Kafka, chain or lock.
 */
public final class AuditBench {

	static final int EVENTS = 20_000;

	static final int WARMUPS = 2;

	static final int RUNS = 3;

	private AuditBench() {
	}

	public static void main(String[] args) throws Exception {
		run(Path.of(System.getProperty("warden.root", ".")).toAbsolutePath().normalize());
		System.exit(0);
	}

	private static void run(Path root) throws Exception {
		Path work = Files.createDirectories(root.resolve("launcher/target/bench-audit"));
		SuiteOptions options = new SuiteOptions(root, InfrastructureSettings.ephemeral(), Map.of(),
				Map.of(WardenService.AUDIT, FreePorts.next()),
				Map.of("WARDEN_AUDIT_CHAINKEYS", "bench:" + java.util.Base64.getEncoder().encodeToString(new byte[32])),
				List.of("-Xms256m", "-Xmx512m", "-XX:+UseParallelGC"), work.resolve("logs"),
				EnumSet.of(WardenService.AUDIT));
		try (LocalSuite suite = LocalSuite.start(options, Duration.ofMinutes(3))) {
			Runtime.getRuntime().addShutdownHook(new Thread(suite::close, "bench-stop"));
			String jdbcUrl = suite.infrastructure().jdbcUrl("audit");
			try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
				double baseline = baseline(db);
				System.out.printf("baseline: %.0f single-row inserts/s%n", baseline);
				// Two discarded warm-up bursts (JIT, connections, partitions assigned),
				// then the median of three.
				for (int i = 0; i < WARMUPS; i++) {
					double[] warmup = burst(suite, db, 5_000);
					System.out.printf("warm-up %d: %.0f events/s%n", i + 1, warmup[0]);
				}
				List<double[]> runs = new java.util.ArrayList<>();
				for (int i = 0; i < RUNS; i++) {
					double[] run = burst(suite, db, EVENTS);
					System.out.printf("run %d: %.0f events/s, p50 %.0f ms, p99 %.0f ms, %.0f events per CPU-s%n", i + 1,
							run[0], run[1], run[2], run[4]);
					runs.add(run);
				}
				runs.sort((a, b) -> Double.compare(a[0], b[0]));
				double[] figures = runs.get(RUNS / 2);
				String report = String.format(Locale.ROOT,
						"""
								# Security-log ingest benchmark

								Machine: %d cores, %s. %,d events published at once (500 users, 3 partitions); audit-service,
								Kafka and PostgreSQL share the cores. Median of 3 bursts after 2 discarded warm-up bursts of 5,000.

								| figure | value | baseline (same run) | ratio |
								|---|---|---|---|
								| sustained ingest into the hash chain | %,.0f events/s | %,d single-row autocommit INSERTs from one client: %,.0f rows/s | %.2f× |
								| event → queryable (recorded_at − event time) | p50 %.0f ms, p99 %.0f ms, max %.0f ms | — | — |
								| per busy CPU-second of the machine (publishing included) | %,.0f events | — | — |

								Reproduce: `bench/run.sh audit`.
								""",
						Runtime.getRuntime().availableProcessors(),
						System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), EVENTS,
						figures[0], EVENTS, baseline, figures[0] / baseline, figures[1], figures[2], figures[3],
						figures[4]);
				Path directory = Files.createDirectories(root.resolve("bench/results"));
				String name = "audit-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm"));
				Files.writeString(directory.resolve(name + ".md"), report);
				System.out.println(report);
			}
		}
	}

	/**
	 * Publishes {@code events} at once, marked as a run of their own, and waits until all
	 * are stored: events/s between the first and last stored, p50/p99/max event →
	 * queryable in ms, and events per busy CPU-second.
	 */
	private static double[] burst(LocalSuite suite, Connection db, int events) throws Exception {
		String run = UUID.randomUUID().toString();
		CpuMeter cpu = CpuMeter.start();
		// As the tests' Kafka principal; the events claim auth-service, the only source
		// believed on its topic.
		Map<String, Object> config = new java.util.HashMap<>(
				suite.infrastructure().kafkaClientProperties(KafkaPrincipals.TEST.name()));
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			for (int i = 0; i < events; i++) {
				String user = "bench-user-" + (i % 500);
				producer.send(new ProducerRecord<>(Topics.AUTH_EVENTS, user, event(user, run)));
			}
		}
		Instant start = Instant.now();
		while (count(db, run) < events) {
			if (Duration.between(start, Instant.now()).toMinutes() >= 15) {
				throw new IllegalStateException("events were not all stored within 15 minutes");
			}
			Thread.sleep(100);
		}
		double busy = cpu.busySeconds();
		double[] figures = figures(db, run);
		return new double[] { figures[0], figures[1], figures[2], figures[3], events / busy };
	}

	private static String event(String user, String run) {
		return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/auth-service\","
				+ "\"type\":\"warden.login.succeeded\",\"time\":\"" + Instant.now() + "\",\"subject\":\"" + user
				+ "\",\"datacontenttype\":\"application/json\",\"data\":{\"email\":\"" + user
				+ "@example.test\",\"ip\":\"198.51.100.1\",\"userAgent\":\"bench\",\"sessionId\":\"s1\",\"run\":\""
				+ run + "\"}}";
	}

	private static double baseline(Connection db) throws Exception {
		try (Statement ddl = db.createStatement()) {
			ddl.execute("create table if not exists bench_baseline (id bigserial primary key, event_id text unique, "
					+ "type text, data jsonb)");
		}
		try (PreparedStatement insert = db
			.prepareStatement("insert into bench_baseline (event_id, type, data) values (?, ?, ?::jsonb)")) {
			long begin = System.nanoTime();
			for (int i = 0; i < EVENTS; i++) {
				insert.setString(1, UUID.randomUUID().toString());
				insert.setString(2, "warden.login.succeeded");
				insert.setString(3,
						"{\"email\":\"bench@example.test\",\"ip\":\"198.51.100.1\",\"userAgent\":\"bench\"}");
				insert.executeUpdate();
			}
			return EVENTS / ((System.nanoTime() - begin) / 1e9);
		}
	}

	private static long count(Connection db, String run) throws Exception {
		try (Statement query = db.createStatement();
				ResultSet rs = query
					.executeQuery("select count(*) from security_event where data->>'run' = '" + run + "'")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/** events/s between the first and last stored, and latency percentiles in ms. */
	private static double[] figures(Connection db, String run) throws Exception {
		try (Statement query = db.createStatement();
				ResultSet rs = query.executeQuery(
						"""
								select count(*) / greatest(extract(epoch from max(recorded_at) - min(recorded_at)), 0.001),
								       percentile_cont(0.5) within group (order by extract(epoch from recorded_at - occurred_at)) * 1000,
								       percentile_cont(0.99) within group (order by extract(epoch from recorded_at - occurred_at)) * 1000,
								       max(extract(epoch from recorded_at - occurred_at)) * 1000
								from security_event where data->>'run' = '"""
								+ run + "'")) {
			rs.next();
			return new double[] { rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4) };
		}
	}

}
