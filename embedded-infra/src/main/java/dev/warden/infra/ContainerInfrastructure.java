package dev.warden.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same servers as {@link EmbeddedInfrastructure}, as the images Docker Compose uses (postgres, redis,
 * apache/kafka), for machines with a Docker engine. The SMTP sink stays in this JVM so tests read mails the
 * same way in both modes.
 */
public final class ContainerInfrastructure implements TestInfrastructure {

	static final DockerImageName POSTGRES = DockerImageName.parse("postgres:16-alpine");

	static final DockerImageName REDIS = DockerImageName.parse("redis:7-alpine");

	static final DockerImageName KAFKA = DockerImageName.parse("apache/kafka:4.1.2");

	private final PostgreSQLContainer postgres;

	private final GenericContainer<?> redis;

	private final KafkaContainer kafka;

	private final SmtpSink smtp;

	private final Map<String, String> redisPasswords;

	private ContainerInfrastructure(PostgreSQLContainer postgres, GenericContainer<?> redis, KafkaContainer kafka,
			SmtpSink smtp, Map<String, String> redisPasswords) {
		this.postgres = postgres;
		this.redis = redis;
		this.kafka = kafka;
		this.smtp = smtp;
		this.redisPasswords = redisPasswords;
	}

	/** Starts the containers; Redis lets in these users ({@link RedisAcl}, name to password) and no one else. */
	public static ContainerInfrastructure start(List<String> databases, Map<String, String> redisPasswords) {
		PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES).withUsername("postgres")
			.withPassword("postgres")
			.withDatabaseName("postgres");
		// The same users as the embedded server, from an ACL file of password hashes.
		GenericContainer<?> redis = new GenericContainer<>(REDIS).withExposedPorts(6379)
			.withCopyToContainer(Transferable.of(String.join("\n", RedisAcl.lines(redisPasswords)) + "\n"),
					"/etc/redis/users.acl")
			.withCommand("redis-server", "--aclfile", "/etc/redis/users.acl");
		KafkaContainer kafka = new KafkaContainer(KAFKA).withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
		CompletableFuture.allOf(CompletableFuture.runAsync(postgres::start), CompletableFuture.runAsync(redis::start),
				CompletableFuture.runAsync(kafka::start))
			.join();
		ContainerInfrastructure infrastructure = new ContainerInfrastructure(postgres, redis, kafka,
				SmtpSink.start(0), Map.copyOf(redisPasswords));
		infrastructure.createDatabases(databases);
		return infrastructure;
	}

	private void createDatabases(List<String> databases) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "postgres");
				Statement statement = connection.createStatement()) {
			for (String database : databases) {
				statement.execute("create database \"" + database.replace("\"", "") + "\"");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the service databases", ex);
		}
	}

	private String postgresUrl() {
		return "jdbc:postgresql://" + this.postgres.getHost() + ":" + this.postgres.getMappedPort(5432);
	}

	@Override
	public String jdbcUrl(String database) {
		return postgresUrl() + "/" + database;
	}

	@Override
	public String redisUrl() {
		return "redis://" + this.redis.getHost() + ":" + this.redis.getMappedPort(6379);
	}

	@Override
	public Map<String, String> redisPasswords() {
		return this.redisPasswords;
	}

	@Override
	public String kafkaBootstrapServers() {
		return this.kafka.getBootstrapServers();
	}

	@Override
	public SmtpSink smtp() {
		return this.smtp;
	}

	@Override
	public Map<String, String> serviceProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("warden.postgres.url", postgresUrl());
		properties.put("warden.redis.url", redisUrl());
		properties.put("warden.kafka.bootstrap", kafkaBootstrapServers());
		properties.put("warden.smtp.host", "localhost");
		properties.put("warden.smtp.port", String.valueOf(this.smtp.port()));
		return properties;
	}

	@Override
	public void close() {
		this.smtp.close();
		this.kafka.stop();
		this.redis.stop();
		this.postgres.stop();
	}
}
