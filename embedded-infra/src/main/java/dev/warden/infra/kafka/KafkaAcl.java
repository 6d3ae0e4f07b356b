package dev.warden.infra.kafka;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * One "allow" rule: {@code principal} may perform {@code operation} on the topic or
 * consumer group {@code name} (or, when {@code prefixed}, on every group whose name
 * starts with it), from any host.
 */
public record KafkaAcl(String principal, Operation operation, Resource resource, String name, boolean prefixed) {

	static KafkaAcl topic(String principal, Operation operation, String topic) {
		return new KafkaAcl(principal, operation, Resource.TOPIC, topic, false);
	}

	static KafkaAcl groupsStartingWith(String principal, String prefix) {
		return new KafkaAcl(principal, Operation.READ, Resource.GROUP, prefix, true);
	}

	/** As the broker stores it. */
	public AclBinding binding() {
		return new AclBinding(
				new ResourcePattern(this.resource.type, this.name,
						this.prefixed ? PatternType.PREFIXED : PatternType.LITERAL),
				new AccessControlEntry("User:" + this.principal, "*", this.operation.kafka, AclPermissionType.ALLOW));
	}

	/** The operations Warden's principals are given. */
	public enum Operation {

		READ(AclOperation.READ), WRITE(AclOperation.WRITE);

		private final AclOperation kafka;

		Operation(AclOperation kafka) {
			this.kafka = kafka;
		}

	}

	/** The resources Warden's principals are given rights on. */
	public enum Resource {

		TOPIC(ResourceType.TOPIC), GROUP(ResourceType.GROUP);

		private final ResourceType type;

		Resource(ResourceType type) {
			this.type = type;
		}

	}
}
