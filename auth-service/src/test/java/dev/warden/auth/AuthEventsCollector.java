package dev.warden.auth;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.warden.event.Topics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;

/** Hears every event auth-service publishes, from the real broker, as a consumer of its own would. */
public class AuthEventsCollector {

	private final List<String> raw = new CopyOnWriteArrayList<>();

	private final JsonMapper json;

	AuthEventsCollector(JsonMapper json) {
		this.json = json;
	}

	@KafkaListener(topics = Topics.AUTH_EVENTS, groupId = "auth-service-test-collector")
	void on(String value) {
		this.raw.add(value);
	}

	/** Waits for the first event of {@code type} about {@code userId}. */
	public JsonNode await(String userId, String type) {
		return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> find(userId, type), (found) -> !found.isEmpty())
			.get(0);
	}

	public List<JsonNode> find(String userId, String type) {
		return this.raw.stream()
			.map(this.json::readTree)
			.filter((event) -> userId.equals(event.path("subject").asString(""))
					&& type.equals(event.path("type").asString("")))
			.toList();
	}

	/** Every event about the user, as published (for "no secret in any event" checks). */
	public List<String> rawAbout(String userId) {
		return this.raw.stream().filter((value) -> value.contains(userId)).toList();
	}

	public List<String> all() {
		return List.copyOf(this.raw);
	}
}
