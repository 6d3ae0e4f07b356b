package dev.warden.infra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.warden.infra.InfrastructureSettings.Component;
import dev.warden.infra.kafka.KafkaAccess;
import dev.warden.infra.kafka.KafkaCredentials;

/**
 * PostgreSQL, Redis, Kafka and SMTP as real servers started from Maven artifacts, in
 * parallel, without Docker. {@link #serviceProperties()} gives the {@code warden.*}
 * settings that point a service at them. A component left out of the settings is not
 * started (it is provided from outside) and its accessor returns {@code null}.
 */
public final class EmbeddedInfrastructure implements TestInfrastructure {

	private final PostgresServer postgres;

	private final RedisServer redis;

	private final KafkaBroker kafka;

	private final SmtpSink smtp;

	private final Map<String, String> redisPasswords;

	private final KafkaCredentials kafkaCredentials;

	private EmbeddedInfrastructure(PostgresServer postgres, RedisServer redis, KafkaBroker kafka, SmtpSink smtp,
			Map<String, String> redisPasswords, KafkaCredentials kafkaCredentials) {
		this.postgres = postgres;
		this.redis = redis;
		this.kafka = kafka;
		this.smtp = smtp;
		this.redisPasswords = redisPasswords;
		this.kafkaCredentials = kafkaCredentials;
	}

	public static EmbeddedInfrastructure start(InfrastructureSettings settings) {
		Path data = settings.dataDirectory();
		var postgres = startIf(settings, Component.POSTGRES, () -> PostgresServer.start(settings.postgresPort(),
				data == null ? null : data.resolve("postgres"), settings.databases()));
		var redis = startIf(settings, Component.REDIS, () -> RedisServer.start(settings.redisPort(),
				data == null ? null : data.resolve("redis"), settings.redisPasswords()));
		KafkaCredentials credentials = settings.kafkaCredentials();
		var kafka = startIf(settings, Component.KAFKA, () -> {
			KafkaBroker broker = KafkaBroker.start(settings.kafkaPort(), settings.partitions(),
					data == null ? null : data.resolve("kafka"), credentials.adminPassword());
			try {
				KafkaAccess.apply(broker.bootstrapServers(), credentials, settings.partitions());
			}
			catch (RuntimeException ex) {
				broker.close();
				throw ex;
			}
			return broker;
		});
		var smtp = startIf(settings, Component.SMTP, () -> SmtpSink.start(settings.smtpPort()));
		try {
			return new EmbeddedInfrastructure(postgres.join(), redis.join(), kafka.join(), smtp.join(),
					settings.redisPasswords(), credentials);
		}
		catch (RuntimeException ex) {
			// One server failed: do not leave the others running.
			new EmbeddedInfrastructure(postgres.getNow(null), redis.getNow(null), kafka.getNow(null), smtp.getNow(null),
					Map.of(), credentials)
				.close();
			throw ex;
		}
	}

	private static <T> CompletableFuture<T> startIf(InfrastructureSettings settings, Component component,
			Supplier<T> start) {
		return settings.starts(component) ? CompletableFuture.supplyAsync(start)
				: CompletableFuture.completedFuture(null);
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

	@Override
	public SmtpSink smtp() {
		return this.smtp;
	}

	@Override
	public String jdbcUrl(String database) {
		return this.postgres.jdbcUrl(database);
	}

	@Override
	public void ensureDatabaseOwner(String database, String password) {
		this.postgres.ensureOwner(database, password);
	}

	@Override
	public String redisUrl() {
		return this.redis.url();
	}

	/**
	 * The Redis users and their passwords, also when Redis is provided from outside (a
	 * local run's).
	 */
	@Override
	public Map<String, String> redisPasswords() {
		return this.redisPasswords;
	}

	@Override
	public String kafkaBootstrapServers() {
		return this.kafka.bootstrapServers();
	}

	@Override
	public KafkaCredentials kafkaCredentials() {
		return this.kafkaCredentials;
	}

	/**
	 * The {@code warden.*} properties that point a service at the servers started here;
	 * upper-cased with underscores they are the {@code WARDEN_*} environment variables of
	 * the same meaning. Kafka credentials are not among them: each service gets its own
	 * ({@link KafkaCredentials#serviceProperties(String)}).
	 */
	@Override
	public Map<String, String> serviceProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		if (this.postgres != null) {
			properties.put("warden.postgres.url", this.postgres.url());
		}
		if (this.redis != null) {
			properties.put("warden.redis.url", this.redis.url());
		}
		if (this.kafka != null) {
			properties.put("warden.kafka.bootstrap", this.kafka.bootstrapServers());
		}
		if (this.smtp != null) {
			properties.put("warden.smtp.host", "localhost");
			properties.put("warden.smtp.port", String.valueOf(this.smtp.port()));
		}
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
		if (closeable == null) {
			return;
		}
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// Shutting down: the other servers must still be stopped.
		}
	}

}
