package dev.warden.infra.kafka;

import java.util.ArrayList;
import java.util.List;

import dev.warden.event.Topics;
import org.jspecify.annotations.Nullable;

/**
 * One Kafka user and what it may do: write some topics, read some topics, and consume in
 * groups whose names start with {@code groupPrefix}. Nothing else: no topic creation, no
 * cluster operation, no other principal's groups.
 *
 * @param name the SCRAM user name ({@code User:<name>} in ACLs); a service's is its
 * application name
 * @param writes topics it may produce to (its own event topic, the dead-letter twins of
 * what it consumes)
 * @param reads topics it may consume
 * @param groupPrefix the start of every consumer group name it may use; {@code null} if
 * it consumes nothing
 */
public record KafkaPrincipal(String name, List<String> writes, List<String> reads, @Nullable String groupPrefix) {

	public KafkaPrincipal {
		writes = List.copyOf(writes);
		reads = List.copyOf(reads);
	}

	/**
	 * A service that produces {@code produces} and consumes {@code consumes},
	 * dead-lettering what it cannot handle to their {@code -dlt} twins, in consumer
	 * groups named after itself.
	 */
	static KafkaPrincipal service(String name, List<String> produces, List<String> consumes) {
		List<String> writes = new ArrayList<>(produces);
		consumes.forEach((topic) -> writes.add(Topics.deadLetterOf(topic)));
		return new KafkaPrincipal(name, writes, consumes, consumes.isEmpty() ? null : name);
	}

	/**
	 * This principal's permissions as ACL rules, each allowing one operation on one
	 * resource.
	 */
	public List<KafkaAcl> acls() {
		List<KafkaAcl> acls = new ArrayList<>();
		// WRITE implies DESCRIBE, and since Kafka 3.0 (KIP-679) WRITE on a topic is
		// enough for an idempotent
		// producer: no IDEMPOTENT_WRITE on the cluster.
		this.writes.forEach((topic) -> acls.add(KafkaAcl.topic(this.name, KafkaAcl.Operation.WRITE, topic)));
		this.reads.forEach((topic) -> acls.add(KafkaAcl.topic(this.name, KafkaAcl.Operation.READ, topic)));
		if (this.groupPrefix != null) {
			acls.add(KafkaAcl.groupsStartingWith(this.name, this.groupPrefix));
		}
		return acls;
	}
}
