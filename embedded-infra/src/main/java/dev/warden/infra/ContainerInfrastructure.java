package dev.warden.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.warden.infra.kafka.KafkaAccess;
import dev.warden.infra.kafka.KafkaCredentials;
import dev.warden.infra.kafka.KafkaPrincipals;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same servers as {@link EmbeddedInfrastructure}, PostgreSQL and Redis as the images
 * Docker Compose uses, for machines with a Docker engine. The SMTP sink stays in this JVM
 * so tests read mails the same way in both modes.
 *
 * <p>
 * Kafka is the embedded broker here too: Testcontainers' Kafka container formats its
 * storage in its own start script, so it cannot be given the administrator's SCRAM
 * credential at format time, which the SASL/SCRAM set-up with ACLs needs (Docker Compose
 * does it with its own entry point). The embedded broker is the same Kafka release,
 * secured the same way.
 */
public final class ContainerInfrastructure implements TestInfrastructure {

	static final DockerImageName POSTGRES = DockerImageName.parse("postgres:16-alpine");

	static final DockerImageName REDIS = DockerImageName.parse("redis:7-alpine");

	private final PostgreSQLContainer postgres;

	private final GenericContainer<?> redis;

	private final KafkaBroker kafka;

	private final KafkaCredentials kafkaCredentials;

	private final SmtpSink smtp;

	private final Map<String, String> redisPasswords;

	private ContainerInfrastructure(PostgreSQLContainer postgres, GenericContainer<?> redis, KafkaBroker kafka,
			KafkaCredentials kafkaCredentials, SmtpSink smtp, Map<String, String> redisPasswords) {
		this.postgres = postgres;
		this.redis = redis;
		this.kafka = kafka;
		this.kafkaCredentials = kafkaCredentials;
		this.smtp = smtp;
		this.redisPasswords = redisPasswords;
	}

	/**
	 * Starts the containers; Redis lets in these users ({@link RedisAcl}, name to
	 * password) and no one else.
	 */
	public static ContainerInfrastructure start(List<String> databases, Map<String, String> redisPasswords) {
		PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES).withUsername("postgres")
			.withPassword("postgres")
			.withDatabaseName("postgres");
		// The same users as the embedded server, from an ACL file of password hashes.
		GenericContainer<?> redis = new GenericContainer<>(REDIS).withExposedPorts(6379)
			.withCopyToContainer(Transferable.of(String.join("\n", RedisAcl.lines(redisPasswords)) + "\n"),
					"/etc/redis/users.acl")
			.withCommand("redis-server", "--aclfile", "/etc/redis/users.acl");
		KafkaCredentials credentials = KafkaCredentials.generate(KafkaPrincipals.servicesAndTests());
		CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(() -> {
			KafkaBroker broker = KafkaBroker.start(0, 3, null, credentials.adminPassword());
			KafkaAccess.apply(broker.bootstrapServers(), credentials, 3);
			return broker;
		});
		CompletableFuture
			.allOf(CompletableFuture.runAsync(postgres::start), CompletableFuture.runAsync(redis::start), kafka)
			.join();
		ContainerInfrastructure infrastructure = new ContainerInfrastructure(postgres, redis, kafka.join(), credentials,
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
	public void ensureDatabaseOwner(String database, String password) {
		try (Connection server = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "postgres")) {
			DatabaseOwners.ensure(server, () -> DriverManager.getConnection(jdbcUrl(database), "postgres", "postgres"),
					database, password);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException("Could not set the owner of database " + database, ex);
		}
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
		return this.kafka.bootstrapServers();
	}

	@Override
	public KafkaCredentials kafkaCredentials() {
		return this.kafkaCredentials;
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
		this.kafka.close();
		this.redis.stop();
		this.postgres.stop();
	}

}
