package dev.warden.infra;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.warden.infra.kafka.KafkaCredentials;
import dev.warden.infra.kafka.KafkaPrincipals;

/**
 * Which embedded servers to start, where they listen and where they keep their data.
 *
 * @param components the servers to start; the others are provided from outside
 * @param postgresPort PostgreSQL port, 0 for a free one
 * @param redisPort Redis port, 0 for a free one
 * @param kafkaPort Kafka broker port, 0 for a free one
 * @param smtpPort SMTP sink port, 0 for a free one
 * @param dataDirectory where PostgreSQL, Redis and Kafka keep data between runs; {@code null} for throw-away
 * directories
 * @param databases the PostgreSQL databases to create when missing, one per service that owns one
 * @param partitions partitions of each event topic and its dead-letter twin
 * @param kafkaCredentials the Kafka administrator's and principals' passwords; the broker gets a SCRAM user and
 * its ACLs for each principal in it
 */
public record InfrastructureSettings(Set<Component> components, int postgresPort, int redisPort, int kafkaPort,
		int smtpPort, Path dataDirectory, List<String> databases, int partitions, KafkaCredentials kafkaCredentials) {

	/** The databases of the suite: one per PostgreSQL-backed service (docs/architecture.md). */
	public static final List<String> SERVICE_DATABASES = List.of("auth", "tokens", "audit");

	public InfrastructureSettings {
		components = components.isEmpty() ? EnumSet.noneOf(Component.class) : EnumSet.copyOf(components);
	}

	/**
	 * Every server on free ports with temporary data: what a test JVM wants. Kafka knows every service's principal
	 * and the tests' own ({@link KafkaPrincipals#TEST}), each with a fresh password.
	 */
	public static InfrastructureSettings ephemeral() {
		return new InfrastructureSettings(EnumSet.allOf(Component.class), 0, 0, 0, 0, null, SERVICE_DATABASES, 3,
				KafkaCredentials.generate(KafkaPrincipals.servicesAndTests()));
	}

	/**
	 * The documented fixed ports of {@code ./run-local.sh}, chosen not to collide with locally installed servers;
	 * Kafka knows the services' principals only.
	 */
	public static InfrastructureSettings local(Set<Component> components, Path dataDirectory) {
		return new InfrastructureSettings(components, 15432, 16379, 19092, 2525, dataDirectory, SERVICE_DATABASES, 3,
				KafkaCredentials.generate(KafkaPrincipals.SERVICES));
	}

	public InfrastructureSettings withPorts(int postgres, int redis, int kafka, int smtp) {
		return new InfrastructureSettings(this.components, postgres, redis, kafka, smtp, this.dataDirectory,
				this.databases, this.partitions, this.kafkaCredentials);
	}

	public InfrastructureSettings withKafkaCredentials(KafkaCredentials credentials) {
		return new InfrastructureSettings(this.components, this.postgresPort, this.redisPort, this.kafkaPort,
				this.smtpPort, this.dataDirectory, this.databases, this.partitions, credentials);
	}

	public boolean starts(Component component) {
		return this.components.contains(component);
	}

	/** A piece of infrastructure the suite needs. */
	public enum Component {

		POSTGRES, REDIS, KAFKA, SMTP

	}
}
