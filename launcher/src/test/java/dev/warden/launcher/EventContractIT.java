package dev.warden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import dev.warden.event.EventContract;
import dev.warden.event.Topics;
import dev.warden.infra.kafka.KafkaPrincipals;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * After every other suite test, every event the services published while they ran keeps
 * the published contract: the CloudEvents envelope, the JSON Schema of its type's data,
 * and the user id as the record's key.
 */
@Order(Integer.MAX_VALUE)
class EventContractIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static LocalSuite suite;

	@BeforeAll
	static void startSuite() {
		suite = SharedSuite.get();
	}

	@Test
	void everyEventTheSuitePublishedKeepsTheContract() {
		Map<String, Integer> types = new TreeMap<>();
		List<String> violations = new ArrayList<>();
		for (String topic : Topics.ALL) {
			for (ConsumerRecord<String, String> record : readAll(topic)) {
				JsonNode event = JSON.readTree(record.value());
				types.merge(event.path("type").asString(""), 1, Integer::sum);
				EventContract.violations(event).forEach((violation) -> violations.add(topic + ": " + violation));
				if (!event.path("subject").asString("").equals(record.key())) {
					violations.add(topic + ": " + event.path("type").asString() + " keyed other than by its subject");
				}
			}
		}

		assertThat(violations).isEmpty();
		// The suite signs in, changes passwords, ends sessions and makes tokens: each
		// topic's events were there to check.
		assertThat(types).containsKeys("warden.login.succeeded", "warden.session.created", "warden.token.created");
	}

	/**
	 * Everything on the running suite's topic, from the beginning, until a quiet second.
	 */
	private static List<ConsumerRecord<String, String>> readAll(String topic) {
		return readAll(suite, topic);
	}

	/** Everything on a suite's topic, from the beginning, until a quiet second. */
	static List<ConsumerRecord<String, String>> readAll(LocalSuite suite, String topic) {
		Map<String, Object> config = new HashMap<>(
				suite.infrastructure().kafkaClientProperties(KafkaPrincipals.TEST.name()));
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-contract-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			int quiet = 0;
			while (quiet < 5 && System.nanoTime() < deadline) {
				int before = records.size();
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				quiet = (records.size() == before && !consumer.assignment().isEmpty()) ? quiet + 1 : 0;
			}
		}
		return records;
	}

}
