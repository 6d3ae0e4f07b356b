package dev.warden.infra;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.warden.infra.kafka.KafkaCredentials;
import dev.warden.infra.kafka.KafkaPrincipals;
import org.jspecify.annotations.Nullable;

/**
 * Which embedded servers to start, where they listen and where they keep their data.
 *
 * @param components the servers to start; the others are provided from outside
 * @param postgresPort PostgreSQL port, 0 for a free one
 * @param redisPort Redis port, 0 for a free one
 * @param kafkaPort Kafka broker port, 0 for a free one
 * @param smtpPort SMTP sink port, 0 for a free one
 * @param dataDirectory where PostgreSQL, Redis and Kafka keep data between runs;
 * {@code null} for throw-away directories
 * @param databases the PostgreSQL databases to create when missing, one per service that
 * owns one
 * @param partitions partitions of each event topic and its dead-letter twin
 * @param redisPasswords the Redis users ({@link RedisAcl}) and their passwords: the
 * embedded Redis lets in these and no one else, and each service is given its own
 * @param kafkaCredentials the Kafka administrator's and principals' passwords; the broker
 * gets a SCRAM user and its ACLs for each principal in it
 */
public record InfrastructureSettings(Set<Component> components, int postgresPort, int redisPort, int kafkaPort,
		int smtpPort, @Nullable Path dataDirectory, List<String> databases, int partitions,
		Map<String, String> redisPasswords, KafkaCredentials kafkaCredentials) {

	/**
	 * The databases of the suite: one per PostgreSQL-backed service
	 * (docs/architecture.md).
	 */
	public static final List<String> SERVICE_DATABASES = List.of("auth", "tokens", "audit");

	public InfrastructureSettings {
		components = components.isEmpty() ? EnumSet.noneOf(Component.class) : EnumSet.copyOf(components);
		redisPasswords = Map.copyOf(redisPasswords);
	}

	/**
	 * Settings whose Redis users are the services', each with a fresh random password.
	 */
	public InfrastructureSettings(Set<Component> components, int postgresPort, int redisPort, int kafkaPort,
			int smtpPort, @Nullable Path dataDirectory, List<String> databases, int partitions,
			KafkaCredentials kafkaCredentials) {
		this(components, postgresPort, redisPort, kafkaPort, smtpPort, dataDirectory, databases, partitions,
				RedisAcl.newPasswords(RedisAcl.SERVICES), kafkaCredentials);
	}

	/**
	 * Every server on free ports with temporary data: what a test JVM wants. Kafka knows
	 * every service's principal and the tests' own ({@link KafkaPrincipals#TEST}), each
	 * with a fresh password.
	 */
	public static InfrastructureSettings ephemeral() {
		return new InfrastructureSettings(EnumSet.allOf(Component.class), 0, 0, 0, 0, null, SERVICE_DATABASES, 3,
				KafkaCredentials.generate(KafkaPrincipals.servicesAndTests()));
	}

	/**
	 * The documented fixed ports of {@code ./run-local.sh}, chosen not to collide with
	 * locally installed servers; Kafka knows the services' principals only.
	 */
	public static InfrastructureSettings local(Set<Component> components, @Nullable Path dataDirectory) {
		return new InfrastructureSettings(components, 15432, 16379, 19092, 2525, dataDirectory, SERVICE_DATABASES, 3,
				KafkaCredentials.generate(KafkaPrincipals.SERVICES));
	}

	public InfrastructureSettings withPorts(int postgres, int redis, int kafka, int smtp) {
		return new InfrastructureSettings(this.components, postgres, redis, kafka, smtp, this.dataDirectory,
				this.databases, this.partitions, this.redisPasswords, this.kafkaCredentials);
	}

	/**
	 * The same settings with these Redis users and passwords (a local run keeps its
	 * passwords between runs).
	 */
	public InfrastructureSettings withRedisPasswords(Map<String, String> passwords) {
		return new InfrastructureSettings(this.components, this.postgresPort, this.redisPort, this.kafkaPort,
				this.smtpPort, this.dataDirectory, this.databases, this.partitions, passwords, this.kafkaCredentials);
	}

	/** The same settings with one more Redis user, with a fresh random password. */
	public InfrastructureSettings withRedisUser(RedisUser user) {
		Map<String, String> passwords = new LinkedHashMap<>(this.redisPasswords);
		passwords.put(user.name(), RedisAcl.newPassword());
		return withRedisPasswords(passwords);
	}

	public InfrastructureSettings withKafkaCredentials(KafkaCredentials credentials) {
		return new InfrastructureSettings(this.components, this.postgresPort, this.redisPort, this.kafkaPort,
				this.smtpPort, this.dataDirectory, this.databases, this.partitions, this.redisPasswords, credentials);
	}

	public boolean starts(Component component) {
		return this.components.contains(component);
	}

	/** A piece of infrastructure the suite needs. */
	public enum Component {

		POSTGRES, REDIS, KAFKA, SMTP

	}
}
