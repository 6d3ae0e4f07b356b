package dev.warden.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.warden.event.CloudEvent;
import dev.warden.event.EventSources;
import dev.warden.event.EventTypes;
import dev.warden.event.Topics;
import dev.warden.infra.test.KafkaRecords;
import dev.warden.infra.test.TestJwts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every event is stored once, redeliveries are no-ops, and malformed records go to the
 * dead-letter topic.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SecurityEventIngestIT {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JsonMapper json;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void storesAnEventOnceEvenWhenDeliveredTwice() {
		String user = UUID.randomUUID().toString();
		CloudEvent event = CloudEvent.of("/auth-service", EventTypes.USER_CREATED, user, Map.of("email", "x@y.z"));
		String value = this.json.writeValueAsString(event);

		KafkaRecords.send(Topics.AUTH_EVENTS, user, value);
		KafkaRecords.send(Topics.AUTH_EVENTS, user, value);
		String marker = sendEvent(Topics.AUTH_EVENTS, user);

		await().atMost(Duration.ofSeconds(30)).until(() -> stored(marker) == 1);
		assertThat(stored(event.id())).isEqualTo(1);
	}

	@Test
	void sendsMalformedRecordsToTheDeadLetterTopicAndKeepsGoing() {
		String user = UUID.randomUUID().toString();
		String poison = "{\"not\":\"a cloud event\",\"user\":\"" + user + "\"}";

		KafkaRecords.send(Topics.SESSION_EVENTS, user, poison);
		String after = sendEvent(Topics.SESSION_EVENTS, user);

		await().atMost(Duration.ofSeconds(30)).until(() -> stored(after) == 1);
		assertThat(KafkaRecords.readUntil(Topics.deadLetterOf(Topics.SESSION_EVENTS),
				(records) -> records.stream().anyMatch((record) -> poison.equals(record.value())),
				Duration.ofSeconds(30)))
			.anySatisfy((record) -> assertThat(record.value()).isEqualTo(poison));
	}

	@Test
	void administratorsReadTheLogNewestFirst() throws Exception {
		String user = UUID.randomUUID().toString();
		String first = sendEvent(Topics.TOKEN_EVENTS, user);
		String second = sendEvent(Topics.TOKEN_EVENTS, user);
		await().atMost(Duration.ofSeconds(30)).until(() -> stored(first) + stored(second) == 2);

		HttpResponse<String> response = get("/api/admin/security-log?userId=" + user,
				TestJwts.shared().forUser("admin").roles("USER", "ADMIN").bearer());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body().indexOf(second)).isLessThan(response.body().indexOf(first)).isPositive();
	}

	@Test
	void usersCannotReadTheWholeLog() throws Exception {
		HttpResponse<String> response = get("/api/admin/security-log", TestJwts.shared().forUser("u").bearer());

		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void badQueryParametersAreValidationProblems() throws Exception {
		String admin = TestJwts.shared().forUser("admin").roles("USER", "ADMIN").bearer();

		for (String query : new String[] { "limit=0", "limit=501", "limit=abc", "type=DROP%20TABLE" }) {
			HttpResponse<String> response = get("/api/admin/security-log?" + query, admin);
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			assertThat(response.body()).as(query).contains("\"code\":\"validation_failed\"");
		}
	}

	private String sendEvent(String topic, String user) {
		// A type the topic's owner publishes.
		String type = Topics.SESSION_EVENTS.equals(topic) ? EventTypes.SESSION_CREATED
				: Topics.TOKEN_EVENTS.equals(topic) ? EventTypes.TOKEN_CREATED : EventTypes.LOGIN_SUCCEEDED;
		CloudEvent event = CloudEvent.of(EventSources.ownerOf(topic).orElseThrow(), type, user, Map.of("name", "ci"));
		KafkaRecords.send(topic, user, this.json.writeValueAsString(event));
		return event.id();
	}

	private int stored(String eventId) {
		Integer count = this.jdbc.queryForObject("select count(*) from security_event where event_id = ?",
				Integer.class, eventId);
		return count == null ? 0 : count;
	}

	private HttpResponse<String> get(String path, String authorization) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", authorization)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
