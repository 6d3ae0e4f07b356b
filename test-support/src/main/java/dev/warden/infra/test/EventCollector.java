package dev.warden.infra.test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.warden.event.EventContract;
import dev.warden.infra.kafka.KafkaClientSecurity;
import dev.warden.infra.kafka.KafkaPrincipals;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;

/**
 * Hears every event on one topic from the real broker, as a consumer of its own would,
 * for tests to wait on and inspect; a test that looks at the events fails if any of them
 * breaks the published contract (envelope and the JSON Schema of its type's data).
 * Declare one as a bean in a test configuration:
 * {@code new EventCollector(Topics.X, json)}. It listens in the service's context but
 * signs in as the tests' own principal: a service may not read its own topic.
 */
public class EventCollector {

	private final String topic;

	private final String group = "test-collector-" + UUID.randomUUID();

	private final List<String> raw = new CopyOnWriteArrayList<>();

	/** What broke the published contract (docs/asyncapi.yaml), event by event. */
	private final List<String> violations = new CopyOnWriteArrayList<>();

	private final JsonMapper json;

	public EventCollector(String topic, JsonMapper json) {
		this.topic = topic;
		this.json = json;
	}

	public String topic() {
		return this.topic;
	}

	public String group() {
		return this.group;
	}

	/**
	 * Consumer properties overriding the service's sign-in with the tests' principal's.
	 */
	public String signIn() {
		String principal = KafkaPrincipals.TEST.name();
		return "sasl.jaas.config=" + KafkaClientSecurity.jaas(principal,
				SharedInfrastructure.get().kafkaCredentials().passwordOf(principal));
	}

	@KafkaListener(topics = "#{__listener.topic()}", groupId = "#{__listener.group()}",
			properties = "#{__listener.signIn()}")
	void on(String value) {
		this.raw.add(value);
		this.violations.addAll(EventContract.violations(this.json.readTree(value)));
	}

	/** Waits for the first event of {@code type} about {@code subject}. */
	public JsonNode await(String subject, String type) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> find(subject, type), (found) -> !found.isEmpty())
			.get(0);
	}

	/**
	 * Waits until {@code count} events of {@code type} about {@code subject} arrived, and
	 * returns them.
	 */
	public List<JsonNode> awaitCount(String subject, String type, int count) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> find(subject, type), (found) -> found.size() >= count);
	}

	/**
	 * The events heard so far about {@code subject} of {@code type}.
	 * @throws AssertionError if any event heard so far breaks the published contract
	 */
	public List<JsonNode> find(String subject, String type) {
		if (!this.violations.isEmpty()) {
			throw new AssertionError("Events on " + this.topic + " break the contract: " + this.violations);
		}
		return this.raw.stream()
			.map(this.json::readTree)
			.filter((event) -> subject.equals(event.path("subject").asString(""))
					&& type.equals(event.path("type").asString("")))
			.toList();
	}

	/**
	 * Every event mentioning {@code text}, as published (for "no secret in any event"
	 * checks).
	 */
	public List<String> rawMentioning(String text) {
		return this.raw.stream().filter((value) -> value.contains(text)).toList();
	}

	public List<String> all() {
		return List.copyOf(this.raw);
	}

}
