package dev.warden.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.warden.event.CloudEvent;
import dev.warden.event.EventTypes;
import dev.warden.infra.KafkaBroker;
import dev.warden.infra.test.SharedInfrastructure;
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

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A Kafka outage delays outbox events and loses none: written while the broker is down,
 * the event stays in the outbox and reaches Kafka exactly once after the broker is back.
 */
class OutboxKafkaOutageIT {

	static final String TOPIC = "outbox-outage-test";

	@Test
	void eventWrittenDuringKafkaOutageIsDeliveredOnceKafkaIsBack() throws Exception {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(SharedInfrastructure.get().jdbcUrl("postgres"),
				"postgres", "postgres");
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.execute("drop table if exists outbox_event");
		try (var connection = dataSource.getConnection()) {
			ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/outbox/V0_1__outbox.sql"));
		}
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		try (KafkaBroker broker = KafkaBroker.start(0, 1)) {
			try (AdminClient admin = AdminClient.create(broker.adminClientProperties())) {
				admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
			}
			KafkaTemplate<String, String> kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(signedIn(broker,
					Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000,
							ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
							4000, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
							ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))));
			OutboxProperties properties = new OutboxProperties(100, Duration.ofMillis(100), Duration.ofSeconds(5),
					Duration.ofMillis(100));
			OutboxRelay relay = new OutboxRelay(jdbc, transactions, kafka, properties, new SimpleMeterRegistry());
			OutboxWriter writer = new OutboxWriter(jdbc, JsonMapper.builder().build(), relay);
			CloudEvent event = CloudEvent.of("/test", EventTypes.USER_CREATED, "user-1", Map.of("email", "a@b.c"));

			broker.stop();
			transactions.executeWithoutResult((status) -> writer.append(TOPIC, event));
			assertThatThrownBy(relay::relayBatch).isInstanceOf(OutboxRelay.OutboxRelayException.class);
			assertThat(relay.pending()).isEqualTo(1);

			broker.restart();
			int relayed = 0;
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (relayed == 0 && System.nanoTime() < deadline) {
				try {
					relayed = relay.relayBatch();
				}
				catch (OutboxRelay.OutboxRelayException ex) {
					Thread.sleep(200);
				}
			}
			assertThat(relayed).isEqualTo(1);
			assertThat(relay.pending()).isZero();
			assertThat(relay.relayBatch()).isZero();

			List<ConsumerRecord<String, String>> records = consumeAll(broker);
			assertThat(records).hasSize(1);
			assertThat(records.get(0).key()).isEqualTo("user-1");
			assertThat(records.get(0).value()).contains(event.id());
			kafka.destroy();
		}
	}

	private static List<ConsumerRecord<String, String>> consumeAll(KafkaBroker broker) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				signedIn(broker, Map.of(ConsumerConfig.GROUP_ID_CONFIG, "outage-check",
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(TOPIC));
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
