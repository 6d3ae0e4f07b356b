package dev.warden.infra;

import java.util.Map;

/**
 * The PostgreSQL, Redis, Kafka and SMTP servers a test JVM uses, whichever way they were started: embedded
 * from Maven artifacts, or as containers when a Docker engine is there.
 */
public interface TestInfrastructure extends AutoCloseable {

	/** The {@code warden.*} properties that point a service at these servers. */
	Map<String, String> serviceProperties();

	/** JDBC URL of one database of the PostgreSQL server (user and password {@code postgres}). */
	String jdbcUrl(String database);

	/**
	 * Makes the service database owned by its own login (user = the database's name) with this password, as in a
	 * deployment; services refuse to connect as a superuser.
	 */
	void ensureDatabaseOwner(String database, String password);

	String redisUrl();

	String kafkaBootstrapServers();

	/** The SMTP sink, in this JVM in both modes, so tests can read what was sent. */
	SmtpSink smtp();

	@Override
	void close();
}
