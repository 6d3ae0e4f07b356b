package dev.warden.infra;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real single-node Kafka broker in KRaft mode (Spring Kafka's embedded broker, in this JVM). */
public final class KafkaBroker implements AutoCloseable {

	private final EmbeddedKafkaKraftBroker broker;

	private KafkaBroker(EmbeddedKafkaKraftBroker broker) {
		this.broker = broker;
	}

	public static KafkaBroker start(int port, int partitions) {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
		broker.kafkaPorts(FreePorts.orFree(port));
		// Topics are created by the services with their dead-letter twins; no silent auto-creation.
		broker.brokerProperty("auto.create.topics.enable", "false");
		broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
		broker.brokerProperty("num.partitions", String.valueOf(partitions));
		broker.afterPropertiesSet();
		return new KafkaBroker(broker);
	}

	public String bootstrapServers() {
		return this.broker.getBrokersAsString();
	}

	@Override
	public void close() {
		this.broker.destroy();
	}
}
