package dev.warden.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.warden.event.Topics;
import dev.warden.infra.FreePorts;
import dev.warden.infra.InfrastructureSettings;
import dev.warden.infra.kafka.KafkaPrincipals;
import dev.warden.launcher.LocalSuite;
import dev.warden.launcher.SuiteOptions;
import dev.warden.launcher.WardenService;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The outbox relay's drain rate: 20,000 event rows committed at once into auth-service's
 * outbox, then the time until a consumer has read them all from Kafka (rows → relay →
 * Kafka acks → consumer), and each row's commit-to-consume latency. Baseline in the same
 * run: one producer sending the same records straight to Kafka with the relay's settings
 * (acks=all, idempotent) — the ceiling for any relay on this broker.
 */
public final class OutboxBench {

	static final int EVENTS = 20_000;

	static final int RUNS = 3;

	private OutboxBench() {
	}

	public static void main(String[] args) throws Exception {
		new OutboxBench().run(Path.of(System.getProperty("warden.root", ".")).toAbsolutePath().normalize());
		System.exit(0);
	}

	private void run(Path root) throws Exception {
		Path work = Files.createDirectories(root.resolve("launcher/target/bench-outbox"));
		Map<WardenService, Integer> ports = new EnumMap<>(WardenService.class);
		ports.put(WardenService.AUTH, FreePorts.next());
		SuiteOptions options = new SuiteOptions(root, InfrastructureSettings.ephemeral(), Map.of(), ports, Map.of(),
				List.of("-Xms256m", "-Xmx512m", "-XX:+UseParallelGC"), work.resolve("logs"),
				EnumSet.of(WardenService.AUTH));
		try (LocalSuite suite = LocalSuite.start(options, Duration.ofMinutes(3))) {
			// The tests' Kafka principal reads and writes the event topics (the events
			// claim auth-service, whose
			// relay sends them).
			Map<String, Object> kafka = suite.infrastructure().kafkaClientProperties(KafkaPrincipals.TEST.name());
			String jdbc = suite.infrastructure().jdbcUrl("auth");
			drain(jdbc, kafka, 2_000); // warm-up: JIT, connections, topic metadata
			drain(jdbc, kafka, 2_000);
			List<double[]> relay = new ArrayList<>();
			List<Double> direct = new ArrayList<>();
			for (int i = 0; i < RUNS; i++) {
				relay.add(drain(jdbc, kafka, EVENTS));
				direct.add(produceDirectly(kafka, EVENTS));
				System.out.printf(Locale.ROOT,
						"run %d: relay %.0f events/s (p50 %.0f ms, p99 %.0f ms); direct %.0f/s%n", i + 1,
						relay.get(i)[0], relay.get(i)[1], relay.get(i)[2], direct.get(i));
			}
			relay.sort((a, b) -> Double.compare(a[0], b[0]));
			direct.sort(Double::compare);
			double[] median = relay.get(RUNS / 2);
			double baseline = direct.get(RUNS / 2);
			String report = String.format(Locale.ROOT,
					"""
							# Outbox relay drain

							%s
							%,d event rows committed at once into auth-service's outbox (one transaction); auth-service relays
							them (batches of 500, `FOR UPDATE SKIP LOCKED`, acks=all, idempotent producer) and a consumer reads
							them. Median of %d runs after two warm-ups.

							| figure | value | baseline, same run |
							|---|---|---|
							| drain rate, commit → all consumed | **%,.0f events/s** (%.2f× the baseline) | one producer straight to Kafka, same settings: %,.0f records/s |
							| commit → consume latency per event | p50 %,.0f ms, p99 %,.0f ms (the burst waits its turn) | — |
							| drained per busy CPU-second of the machine (relay, Kafka, PostgreSQL, consumer) | %,.0f events | — |

							Target: ≥ 10,000 events/s drain.
							""",
					Machine.describe(), EVENTS, RUNS, median[0], median[0] / baseline, baseline, median[1], median[2],
					median[3]);
			Path directory = Files.createDirectories(root.resolve("bench/results"));
			String name = "outbox-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm"));
			Files.writeString(directory.resolve(name + ".md"), report);
			Files.writeString(directory.resolve(name + ".json"),
					String.format(Locale.ROOT,
							"{\"events\":%d,\"drainPerSecond\":%.1f,\"p50Millis\":%.1f,\"p99Millis\":%.1f,"
									+ "\"directProducerPerSecond\":%.1f}%n",
							EVENTS, median[0], median[1], median[2], baseline));
			System.out.println(report);
			System.out.println("Written to " + directory.resolve(name + ".md"));
		}
	}

	/**
	 * Commits {@code count} outbox rows at once and waits until a consumer has read them
	 * all.
	 */
	private static double[] drain(String jdbc, Map<String, Object> kafkaClient, int count) throws Exception {
		String run = UUID.randomUUID().toString();
		ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
		AtomicBoolean assigned = new AtomicBoolean();
		AtomicBoolean done = new AtomicBoolean();
		Thread consumer = new Thread(() -> {
			try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(signedIn(kafkaClient,
					Map.of(ConsumerConfig.GROUP_ID_CONFIG, "test-bench-" + run, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
							"latest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000)),
					new StringDeserializer(), new StringDeserializer())) {
				kafka.subscribe(List.of(Topics.AUTH_EVENTS));
				while (kafka.assignment().isEmpty()) {
					kafka.poll(Duration.ofMillis(100));
				}
				kafka.seekToEnd(kafka.assignment());
				kafka.assignment().forEach(kafka::position);
				assigned.set(true);
				while (!done.get()) {
					kafka.poll(Duration.ofMillis(100)).forEach((record) -> {
						if (record.value().contains(run)) {
							arrivals.add(System.nanoTime());
						}
					});
				}
			}
		});
		consumer.start();
		while (!assigned.get()) {
			Thread.sleep(50);
		}
		long committed;
		CpuMeter cpu;
		try (Connection connection = DriverManager.getConnection(jdbc, "postgres", "postgres")) {
			connection.setAutoCommit(false);
			try (PreparedStatement insert = connection.prepareStatement(
					"insert into outbox_event (event_id, topic, message_key, payload) values (?, ?, ?, ?)")) {
				for (int i = 0; i < count; i++) {
					String id = UUID.randomUUID().toString();
					String user = "bench-user-" + (i % 500);
					insert.setString(1, id);
					insert.setString(2, Topics.AUTH_EVENTS);
					insert.setString(3, user);
					insert.setString(4, payload(id, user, run));
					insert.addBatch();
					if (i % 1000 == 999) {
						insert.executeBatch();
					}
				}
				insert.executeBatch();
			}
			connection.commit();
			committed = System.nanoTime();
			cpu = CpuMeter.start();
		}
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (arrivals.size() < count && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		done.set(true);
		consumer.join();
		if (arrivals.size() < count) {
			throw new IllegalStateException("only " + arrivals.size() + " of " + count + " events arrived");
		}
		double busy = cpu.busySeconds(); // includes up to 20 ms of polling after the last
											// arrival
		long[] latencies = arrivals.stream().mapToLong((at) -> at - committed).sorted().toArray();
		double seconds = latencies[latencies.length - 1] / 1e9;
		return new double[] { count / seconds, percentile(latencies, 0.50), percentile(latencies, 0.99), count / busy };
	}

	/** The ceiling: the same records from one producer with the relay's settings. */
	private static double produceDirectly(Map<String, Object> kafkaClient, int count) {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				signedIn(kafkaClient,
						Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)),
				new StringSerializer(), new StringSerializer())) {
			String run = UUID.randomUUID().toString();
			long start = System.nanoTime();
			for (int i = 0; i < count; i++) {
				String id = UUID.randomUUID().toString();
				String user = "bench-user-" + (i % 500);
				producer.send(new ProducerRecord<>(Topics.AUTH_EVENTS, user, payload(id, user, run)));
			}
			producer.flush();
			return count / ((System.nanoTime() - start) / 1e9);
		}
	}

	private static Map<String, Object> signedIn(Map<String, Object> kafkaClient, Map<String, Object> settings) {
		Map<String, Object> config = new java.util.HashMap<>(kafkaClient);
		config.putAll(settings);
		return config;
	}

	private static String payload(String id, String user, String run) {
		return "{\"specversion\":\"1.0\",\"id\":\"" + id
				+ "\",\"source\":\"/auth-service\",\"type\":\"warden.bench.event\","
				+ "\"time\":\"2026-11-27T06:00:00Z\",\"subject\":\"" + user
				+ "\",\"datacontenttype\":\"application/json\"," + "\"data\":{\"run\":\"" + run
				+ "\",\"ip\":\"203.0.113.7\",\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64)\"}}";
	}

	private static double percentile(long[] sortedNanos, double quantile) {
		int index = (int) Math.ceil(quantile * sortedNanos.length) - 1;
		return sortedNanos[Math.max(0, index)] / 1e6;
	}

}
