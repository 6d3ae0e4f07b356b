package dev.warden.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * PostgreSQL, Redis, Kafka and SMTP as real servers started from Maven artifacts, in parallel, without Docker.
 * {@link #serviceProperties()} gives the {@code warden.*} settings that point a service at them.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

	private final PostgresServer postgres;

	private final RedisServer redis;

	private final KafkaBroker kafka;

	private final SmtpSink smtp;

	private EmbeddedInfrastructure(PostgresServer postgres, RedisServer redis, KafkaBroker kafka, SmtpSink smtp) {
		this.postgres = postgres;
		this.redis = redis;
		this.kafka = kafka;
		this.smtp = smtp;
	}

	public static EmbeddedInfrastructure start(InfrastructureSettings settings) {
		var data = settings.dataDirectory();
		var postgres = CompletableFuture.supplyAsync(() -> PostgresServer.start(settings.postgresPort(),
				data == null ? null : data.resolve("postgres"), settings.databases()));
		var redis = CompletableFuture
			.supplyAsync(() -> RedisServer.start(settings.redisPort(), data == null ? null : data.resolve("redis")));
		var kafka = CompletableFuture.supplyAsync(() -> KafkaBroker.start(settings.kafkaPort(), settings.partitions(),
				data == null ? null : data.resolve("kafka")));
		var smtp = CompletableFuture.supplyAsync(() -> SmtpSink.start(settings.smtpPort()));
		return new EmbeddedInfrastructure(postgres.join(), redis.join(), kafka.join(), smtp.join());
	}

	public PostgresServer postgres() {
		return this.postgres;
	}

	public RedisServer redis() {
		return this.redis;
	}

	public KafkaBroker kafka() {
		return this.kafka;
	}

	public SmtpSink smtp() {
		return this.smtp;
	}

	/** The {@code warden.*} properties (or, upper-cased, environment variables) that point a service here. */
	public Map<String, String> serviceProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("warden.postgres.url", this.postgres.url());
		properties.put("warden.redis.url", this.redis.url());
		properties.put("warden.kafka.bootstrap", this.kafka.bootstrapServers());
		properties.put("warden.smtp.host", "localhost");
		properties.put("warden.smtp.port", String.valueOf(this.smtp.port()));
		return properties;
	}

	@Override
	public void close() {
		closeQuietly(this.kafka);
		closeQuietly(this.smtp);
		closeQuietly(this.redis);
		closeQuietly(this.postgres);
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// Shutting down: the other servers must still be stopped.
		}
	}
}
