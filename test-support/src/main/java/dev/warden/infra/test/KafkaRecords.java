package dev.warden.infra.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import dev.warden.infra.kafka.KafkaPrincipals;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and writes topics of the shared broker as a plain Kafka client would, for
 * assertions on events. It signs in as the tests' own principal, which may write the
 * event topics and read every topic (groups {@code test-*}).
 */
public final class KafkaRecords {

	private KafkaRecords() {
	}

	/**
	 * Reads {@code topic} from the beginning until {@code done} holds for what was read
	 * so far, or the timeout passes, and returns every record read.
	 */
	public static List<ConsumerRecord<String, String>> readUntil(String topic,
			Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		Map<String, Object> config = client();
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + timeout.toNanos();
			while (!done.test(records) && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records;
	}

	/**
	 * Reads {@code topic} for the whole {@code window}, e.g. to show that something
	 * arrived only once.
	 */
	public static List<ConsumerRecord<String, String>> readFor(String topic, Duration window) {
		return readUntil(topic, (records) -> false, window);
	}

	/** Sends one record and waits for the broker's acknowledgement. */
	public static void send(String topic, String key, String value) {
		Map<String, Object> config = client();
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, key, value)).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not send to " + topic, ex);
		}
	}

	/** Bootstrap servers and the sign-in of the tests' principal. */
	public static Map<String, Object> client() {
		return new HashMap<>(SharedInfrastructure.get().kafkaClientProperties(KafkaPrincipals.TEST.name()));
	}

}
