package dev.warden.infra;

import java.util.Map;

import dev.warden.infra.kafka.KafkaCredentials;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL, Redis, Kafka and SMTP servers a test JVM uses, whichever way they were
 * started: embedded from Maven artifacts, or as containers when a Docker engine is there.
 */
public interface TestInfrastructure extends AutoCloseable {

	/** The {@code warden.*} properties that point a service at these servers. */
	Map<String, String> serviceProperties();

	/**
	 * JDBC URL of one database of the PostgreSQL server (user and password
	 * {@code postgres}).
	 */
	String jdbcUrl(String database);

	/**
	 * Makes the service database owned by its own login (user = the database's name) with
	 * this password, as in a deployment; services refuse to connect as a superuser.
	 */
	void ensureDatabaseOwner(String database, String password);

	String redisUrl();

	/**
	 * The users Redis lets in ({@link RedisAcl}), name to password; the default user is
	 * off.
	 */
	Map<String, String> redisPasswords();

	/** The password of this Redis user, or {@code null} when Redis has no such user. */
	default @Nullable String redisPassword(String user) {
		return redisPasswords().get(user);
	}

	String kafkaBootstrapServers();

	/** Who may sign in to Kafka, with which password; a service is given only its own. */
	KafkaCredentials kafkaCredentials();

	/**
	 * Kafka client properties (bootstrap servers and SASL) signing in as
	 * {@code principal}.
	 */
	default Map<String, Object> kafkaClientProperties(String principal) {
		return kafkaCredentials().clientProperties(kafkaBootstrapServers(), principal);
	}

	/** The SMTP sink, in this JVM in both modes, so tests can read what was sent. */
	SmtpSink smtp();

	@Override
	void close();

}
