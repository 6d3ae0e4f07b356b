package dev.warden.session.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.warden.event.Topics;
import dev.warden.infra.KafkaBroker;
import dev.warden.session.ClockTestConfiguration;
import dev.warden.session.SessionApi;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Session events survive a Kafka outage: they wait in the Redis stream while the broker
 * is down and reach Kafka exactly once when it is back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(ClockTestConfiguration.class)
class SessionEventsOutageIT {

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	SessionEventRelay runningRelay;

	@Test
	void sessionEventsWaitInRedisWhileKafkaIsDownAndArriveOnceAfter() throws Exception {
		// This test relays with a broker of its own, so the application's relay steps
		// aside meanwhile.
		this.runningRelay.stop();
		try (KafkaBroker broker = KafkaBroker.start(0, 1)) {
			try (AdminClient admin = AdminClient.create(broker.adminClientProperties())) {
				admin.createTopics(List.of(new NewTopic(Topics.SESSION_EVENTS, 1, (short) 1))).all().get();
			}
			KafkaTemplate<String, String> kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(signedIn(broker,
					Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000,
							ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
							4000, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
							ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))));
			SessionEventRelay relay = new SessionEventRelay(this.redis, kafka, new RelayProperties("outage-test", 500,
					Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(60)), new SimpleMeterRegistry());
			drain(relay);
			String user = "outage-" + UUID.randomUUID();

			broker.stop();
			new SessionApi(this.port, this.json).signIn(user, SessionApi.CHROME_ON_WINDOWS);
			assertThatThrownBy(relay::relayBatch).isInstanceOf(IllegalStateException.class);
			assertThat(relay.pending()).isEqualTo(1);

			broker.restart();
			drain(relay);

			assertThat(relay.pending()).isZero();
			List<ConsumerRecord<String, String>> records = readAll(broker);
			assertThat(records).filteredOn((record) -> user.equals(record.key()))
				.singleElement()
				.satisfies((record) -> assertThat(record.value()).contains("\"type\":\"warden.session.created\""));
			kafka.destroy();
		}
		finally {
			this.runningRelay.start();
		}
	}

	private static void drain(SessionEventRelay relay) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				relay.relayBatch();
				if (relay.pending() == 0) {
					return;
				}
			}
			catch (IllegalStateException ex) {
				Thread.sleep(200);
			}
		}
		throw new AssertionError("the outbox did not drain");
	}

	private static List<ConsumerRecord<String, String>> readAll(KafkaBroker broker) {
		List<ConsumerRecord<String, String>> records = new java.util.ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				signedIn(broker, Map.of(ConsumerConfig.GROUP_ID_CONFIG, "outage-check",
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(Topics.SESSION_EVENTS));
			long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			while (System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records;
	}

	/**
	 * The broker of this test's own signs its administrator in; that is all the ACLs
	 * there are.
	 */
	private static Map<String, Object> signedIn(KafkaBroker broker, Map<String, Object> config) {
		Map<String, Object> merged = new java.util.HashMap<>(broker.adminClientProperties());
		merged.putAll(config);
		return merged;
	}

}
