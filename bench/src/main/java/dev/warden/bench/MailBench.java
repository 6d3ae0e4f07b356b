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
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.warden.event.Topics;
import dev.warden.infra.FreePorts;
import dev.warden.infra.InfrastructureSettings;
import dev.warden.infra.kafka.KafkaPrincipals;
import dev.warden.launcher.LocalSuite;
import dev.warden.launcher.SuiteOptions;
import dev.warden.launcher.WardenService;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Event-to-inbox latency of notification-service under a burst: 1,000
 * {@code password.changed} events published at once, each to become one mail in the SMTP
 * sink; p50/p99 from the service's own timer (event time → SMTP acceptance). Baseline in
 * the same run: the same number of mails sent straight to the same SMTP server, one after
 * the other, with plain Jakarta Mail.
 */
public final class MailBench {

	static final int EVENTS = 1_000;

	private MailBench() {
	}

	public static void main(String[] args) throws Exception {
		run(Path.of(System.getProperty("warden.root", ".")).toAbsolutePath().normalize());
		System.exit(0);
	}

	private static void run(Path root) throws Exception {
		Path work = Files.createDirectories(root.resolve("launcher/target/bench-mail"));
		SuiteOptions options = new SuiteOptions(root, InfrastructureSettings.ephemeral(), Map.of(),
				Map.of(WardenService.NOTIFICATION, FreePorts.next()), Map.of(),
				List.of("-Xms256m", "-Xmx512m", "-XX:+UseParallelGC"), work.resolve("logs"),
				EnumSet.of(WardenService.NOTIFICATION));
		try (LocalSuite suite = LocalSuite.start(options, Duration.ofMinutes(3))) {
			Runtime.getRuntime().addShutdownHook(new Thread(suite::close, "bench-stop"));
			int smtpPort = suite.infrastructure().smtp().port();

			double[] direct = sendDirect(smtpPort, EVENTS);
			System.out.printf("direct SMTP: p50 %.1f ms, p99 %.1f ms per mail%n", direct[0], direct[1]);
			int before = suite.infrastructure().smtp().received().size();

			Instant start = Instant.now();
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					producerConfig(suite,
							Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5)),
					new StringSerializer(), new StringSerializer())) {
				for (int i = 0; i < EVENTS; i++) {
					String user = UUID.randomUUID().toString();
					producer.send(new ProducerRecord<>(Topics.AUTH_EVENTS, user, event(user, i)));
				}
			}
			while (suite.infrastructure().smtp().received().size() - before < EVENTS) {
				if (Duration.between(start, Instant.now()).toMinutes() >= 10) {
					throw new IllegalStateException("mails did not all arrive within 10 minutes");
				}
				Thread.sleep(100);
			}
			Duration drain = Duration.between(start, Instant.now());
			String metrics = HttpClient.newHttpClient()
				.send(HttpRequest
					.newBuilder(URI.create(suite.managementUrl(WardenService.NOTIFICATION) + "/actuator/prometheus"))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
			double p50 = quantile(metrics, "0.5");
			double p99 = quantile(metrics, "0.99");
			double[] steady = steady(suite);
			System.out.printf("steady 1,000/min: p50 %.0f ms, p99 %.0f ms%n", steady[0], steady[1]);
			String report = String.format(Locale.ROOT,
					"""
							# Mail benchmark

							Machine: %d cores, %s. %,d `password.changed` events published at once; notification-service,
							Kafka, Redis and the SMTP sink (GreenMail) share the cores.

							| figure | value | baseline (same run) | ratio |
							|---|---|---|---|
							| event → SMTP acceptance, under the burst | p50 %.0f ms, p99 %.0f ms; all %,d delivered in %.1f s (%.0f mails/s) | %,d mails sent straight to the same SMTP server, one by one: p50 %.1f ms, p99 %.1f ms each (%.0f mails/s) | %.2f× the direct rate |
							| event → in the SMTP sink, steady %,d events/min for a minute (after the burst) | p50 %.0f ms, p99 %.0f ms (goal: p99 ≤ 1 s) | — | — |

							Reproduce: `bench/run.sh mail`.
							""",
					Runtime.getRuntime().availableProcessors(),
					System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), EVENTS, p50 * 1000,
					p99 * 1000, EVENTS, drain.toMillis() / 1000.0, EVENTS * 1000.0 / drain.toMillis(), EVENTS,
					direct[0], direct[1], direct[2], (EVENTS * 1000.0 / drain.toMillis()) / direct[2],
					STEADY_PER_MINUTE, steady[0], steady[1]);
			Path directory = Files.createDirectories(root.resolve("bench/results"));
			String name = "mail-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm"));
			Files.writeString(directory.resolve(name + ".md"), report);
			System.out.println(report);
		}
	}

	static final int STEADY_PER_MINUTE = 1_000;

	/**
	 * Publishes {@link #STEADY_PER_MINUTE} events over one minute, evenly spaced, and
	 * watches the SMTP sink every 10 ms: p50 and p99 (ms) from each publish to its mail's
	 * arrival.
	 */
	private static double[] steady(LocalSuite suite) throws Exception {
		java.util.Map<String, Long> published = new java.util.concurrent.ConcurrentHashMap<>();
		java.util.Map<String, Long> arrived = new java.util.concurrent.ConcurrentHashMap<>();
		int seen = suite.infrastructure().smtp().received().size();
		java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean(true);
		int[] cursor = { seen };
		Thread watcher = new Thread(() -> {
			while (watching.get()) {
				List<jakarta.mail.internet.MimeMessage> mails = suite.infrastructure().smtp().received();
				long now = System.nanoTime();
				for (int i = cursor[0]; i < mails.size(); i++) {
					try {
						arrived.putIfAbsent(mails.get(i).getAllRecipients()[0].toString(), now);
					}
					catch (jakarta.mail.MessagingException ex) {
						throw new IllegalStateException(ex);
					}
				}
				cursor[0] = mails.size();
				try {
					Thread.sleep(10);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		watcher.start();
		long interval = 60_000_000_000L / STEADY_PER_MINUTE;
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				producerConfig(suite, Map.of(ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(),
				new StringSerializer())) {
			long begin = System.nanoTime();
			for (int i = 0; i < STEADY_PER_MINUTE; i++) {
				long due = begin + i * interval;
				while (System.nanoTime() < due) {
					Thread.onSpinWait();
				}
				String user = UUID.randomUUID().toString();
				int number = 100_000 + i;
				published.put("bench-" + number + "@example.test", System.nanoTime());
				producer.send(new ProducerRecord<>(Topics.AUTH_EVENTS, user, event(user, number)));
			}
		}
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (arrived.keySet().containsAll(published.keySet()) == false && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		watching.set(false);
		watcher.join();
		long[] latencies = published.entrySet()
			.stream()
			.filter((entry) -> arrived.containsKey(entry.getKey()))
			.mapToLong((entry) -> arrived.get(entry.getKey()) - entry.getValue())
			.sorted()
			.toArray();
		if (latencies.length < STEADY_PER_MINUTE) {
			throw new IllegalStateException("only " + latencies.length + " steady mails arrived");
		}
		return new double[] { latencies[latencies.length / 2] / 1e6,
				latencies[(int) Math.ceil(latencies.length * 0.99) - 1] / 1e6 };
	}

	/**
	 * Published as the tests' Kafka principal would, the events claiming auth-service
	 * (the only source believed).
	 */
	private static Map<String, Object> producerConfig(LocalSuite suite, Map<String, Object> settings) {
		Map<String, Object> config = new java.util.HashMap<>(
				suite.infrastructure().kafkaClientProperties(KafkaPrincipals.TEST.name()));
		config.putAll(settings);
		return config;
	}

	private static String event(String user, int i) {
		return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/auth-service\","
				+ "\"type\":\"warden.password.changed\",\"time\":\"" + Instant.now() + "\",\"subject\":\"" + user
				+ "\",\"datacontenttype\":\"application/json\",\"data\":{\"email\":\"bench-" + i
				+ "@example.test\",\"displayName\":\"Bench " + i
				+ "\",\"ip\":\"198.51.100.1\",\"userAgent\":\"bench\"}}";
	}

	/**
	 * p50, p99 (ms) and rate (mails/s) of plain sequential sends to the SMTP server,
	 * after a warm-up.
	 */
	private static double[] sendDirect(int port, int count) throws Exception {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", "127.0.0.1");
		properties.put("mail.smtp.port", String.valueOf(port));
		Session session = Session.getInstance(properties);
		for (int i = 0; i < 100; i++) {
			Transport.send(mail(session, "warmup-" + i));
		}
		double[] millis = new double[count];
		long begin = System.nanoTime();
		for (int i = 0; i < count; i++) {
			long start = System.nanoTime();
			Transport.send(mail(session, "direct-" + i));
			millis[i] = (System.nanoTime() - start) / 1e6;
		}
		double rate = count / ((System.nanoTime() - begin) / 1e9);
		Arrays.sort(millis);
		return new double[] { millis[count / 2], millis[count * 99 / 100], rate };
	}

	private static MimeMessage mail(Session session, String to) throws Exception {
		MimeMessage message = new MimeMessage(session);
		message.setFrom(new InternetAddress("bench@warden.local"));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(to + "@example.test"));
		message.setSubject("Users - Your system password has been changed");
		message.setText("A plain baseline mail of about the same size as Warden's text part. ".repeat(8));
		return message;
	}

	private static double quantile(String prometheus, String quantile) {
		Matcher matcher = Pattern
			.compile("warden_mail_latency_seconds\\{[^}]*quantile=\"" + Pattern.quote(quantile)
					+ "\"[^}]*\\} ([0-9.eE+-]+)")
			.matcher(prometheus);
		if (!matcher.find()) {
			throw new IllegalStateException("no warden_mail_latency_seconds quantile " + quantile);
		}
		return Double.parseDouble(matcher.group(1));
	}

}
