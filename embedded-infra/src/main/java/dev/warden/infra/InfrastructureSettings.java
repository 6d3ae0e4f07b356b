package dev.warden.infra;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the embedded servers listen and keep their data.
 *
 * @param postgresPort PostgreSQL port, 0 for a free one
 * @param redisPort Redis port, 0 for a free one
 * @param kafkaPort Kafka broker port, 0 for a free one
 * @param smtpPort SMTP sink port, 0 for a free one
 * @param dataDirectory where PostgreSQL and Redis keep data between runs; {@code null} for throw-away temp dirs
 * @param databases the PostgreSQL databases to create when missing, one per service that owns one
 * @param partitions partitions of auto-created topics
 */
public record InfrastructureSettings(int postgresPort, int redisPort, int kafkaPort, int smtpPort,
		Path dataDirectory, List<String> databases, int partitions) {

	/** The databases of the suite: one per PostgreSQL-backed service (ARCHITECTURE.md). */
	public static final List<String> SERVICE_DATABASES = List.of("auth", "tokens", "audit");

	/** Free ports and temporary data: what a test JVM wants. */
	public static InfrastructureSettings ephemeral() {
		return new InfrastructureSettings(0, 0, 0, 0, null, SERVICE_DATABASES, 3);
	}

	/** The documented fixed ports of {@code ./run-local.sh}, chosen not to collide with locally installed servers. */
	public static InfrastructureSettings local(Path dataDirectory) {
		return new InfrastructureSettings(15432, 16379, 19092, 2525, dataDirectory, SERVICE_DATABASES, 3);
	}
}
