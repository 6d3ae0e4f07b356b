package dev.warden.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import dev.warden.event.Topics;
import dev.warden.infra.TestInfrastructure;
import dev.warden.infra.test.SharedInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * What a service whose host was taken over can do on Kafka with the credentials it holds,
 * against the real broker and the ACLs of {@link KafkaPrincipals}: only its own part. And
 * what someone without credentials can do: nothing.
 */
class CompromisedServiceKafkaIT {

	private final TestInfrastructure infra = SharedInfrastructure.get();

	@Test
	void clientWithoutCredentialsCannotProduce() {
		Map<String, Object> anonymous = quick(Map.of("bootstrap.servers", this.infra.kafkaBootstrapServers()));
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(anonymous, new StringSerializer(),
				new StringSerializer())) {
			assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.AUTH_EVENTS, "u", "{}")).get())
				.isInstanceOf(Exception.class);
		}
	}

	@Test
	void clientWithoutCredentialsCannotConsume() {
		Map<String, Object> anonymous = quick(Map.of("bootstrap.servers", this.infra.kafkaBootstrapServers()));
		anonymous.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(anonymous, new StringDeserializer(),
				new StringDeserializer())) {
			// A SASL listener does not answer a client that does not speak SASL: nothing
			// is ever read.
			assertThatThrownBy(() -> consumer.partitionsFor(Topics.AUTH_EVENTS, Duration.ofSeconds(3)))
				.isInstanceOf(Exception.class);
		}
	}

	@Test
	void clientWithAWrongPasswordIsRefusedAtSignIn() {
		Map<String, Object> guessed = quick(KafkaClientSecurity.scram(this.infra.kafkaBootstrapServers(),
				KafkaPrincipals.AUTH.name(), "not-the-password"));
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(guessed, new StringSerializer(),
				new StringSerializer())) {
			assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.AUTH_EVENTS, "u", "{}")).get())
				.hasCauseInstanceOf(SaslAuthenticationException.class);
		}
	}

	@Test
	void notificationServiceCannotProduceToAuthEvents() {
		try (KafkaProducer<String, String> producer = producer(KafkaPrincipals.NOTIFICATION)) {
			assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.AUTH_EVENTS, "u", "{}")).get())
				.hasCauseInstanceOf(TopicAuthorizationException.class);
		}
	}

	@Test
	void tokenServiceCannotProduceToAuthEventsNorToSessionEvents() {
		try (KafkaProducer<String, String> producer = producer(KafkaPrincipals.TOKEN)) {
			for (String topic : List.of(Topics.AUTH_EVENTS, Topics.SESSION_EVENTS)) {
				assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "u", "{}")).get()).as(topic)
					.hasCauseInstanceOf(TopicAuthorizationException.class);
			}
		}
	}

	@Test
	void serviceProducesToItsOwnTopicAndDeadLettersWhatItConsumes() throws Exception {
		try (KafkaProducer<String, String> producer = producer(KafkaPrincipals.SESSION)) {
			producer.send(new ProducerRecord<>(Topics.SESSION_EVENTS, "u", "{}")).get();
			producer.send(new ProducerRecord<>(Topics.deadLetterOf(Topics.AUTH_EVENTS), "u", "{}")).get();
		}
	}

	@Test
	void authServiceCannotReadATopicItDoesNotConsume() {
		try (KafkaConsumer<String, String> consumer = consumer(KafkaPrincipals.AUTH, KafkaPrincipals.AUTH.name())) {
			consumer.subscribe(List.of(Topics.SESSION_EVENTS));
			assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(5)))
				.isInstanceOfAny(TopicAuthorizationException.class, GroupAuthorizationException.class);
		}
	}

	@Test
	void sessionServiceCannotReadTokenEventsEvenInItsOwnGroup() {
		try (KafkaConsumer<String, String> consumer = consumer(KafkaPrincipals.SESSION,
				KafkaPrincipals.SESSION.name() + "-" + UUID.randomUUID())) {
			consumer.subscribe(List.of(Topics.TOKEN_EVENTS));
			assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(5)))
				.isInstanceOf(TopicAuthorizationException.class);
		}
	}

	@Test
	void serviceCannotConsumeInAnotherServicesGroup() {
		try (KafkaConsumer<String, String> consumer = consumer(KafkaPrincipals.NOTIFICATION,
				KafkaPrincipals.AUDIT.name())) {
			consumer.subscribe(List.of(Topics.AUTH_EVENTS));
			assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(5)))
				.isInstanceOf(GroupAuthorizationException.class);
		}
	}

	@Test
	void serviceCannotCreateTopics() {
		try (Admin admin = Admin.create(quick(this.infra.kafkaClientProperties(KafkaPrincipals.AUDIT.name())))) {
			assertThatThrownBy(
					() -> admin.createTopics(List.of(new NewTopic("warden.rogue.events", 1, (short) 1))).all().get())
				.isInstanceOf(ExecutionException.class)
				.hasCauseInstanceOf(TopicAuthorizationException.class);
		}
	}

	private KafkaProducer<String, String> producer(KafkaPrincipal principal) {
		Map<String, Object> config = quick(this.infra.kafkaClientProperties(principal.name()));
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
	}

	private KafkaConsumer<String, String> consumer(KafkaPrincipal principal, String group) {
		Map<String, Object> config = quick(this.infra.kafkaClientProperties(principal.name()));
		config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
	}

	/**
	 * Short time limits, so a refusal or a hung sign-in fails the test in seconds, not
	 * minutes.
	 */
	private static Map<String, Object> quick(Map<String, Object> properties) {
		Map<String, Object> config = new HashMap<>(properties);
		config.put("max.block.ms", 5000);
		config.put("request.timeout.ms", 5000);
		config.put("delivery.timeout.ms", 6000);
		config.put("default.api.timeout.ms", 5000);
		config.put("reconnect.backoff.max.ms", 1000);
		return config;
	}

}
