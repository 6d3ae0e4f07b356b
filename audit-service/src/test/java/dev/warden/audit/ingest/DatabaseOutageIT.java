package dev.warden.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.warden.event.CloudEvent;
import dev.warden.event.EventSources;
import dev.warden.event.EventTypes;
import dev.warden.event.Topics;
import dev.warden.infra.test.StoppablePostgres;
import dev.warden.infra.test.KafkaRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The security log's database stops while events keep coming: the consumer waits for it
 * (no event dead-lettered, no offset committed), and once PostgreSQL is back every event
 * is there exactly once. The database here is this test's own server, stopped and started
 * again on the same port and data directory, so the rest of the suite's shared server is
 * untouched.
 */
@SpringBootTest(properties = { "spring.kafka.consumer.group-id=audit-service-outage-test",
		"spring.datasource.hikari.connection-timeout=1000", "warden.kafka.retry-max=2s" })
class DatabaseOutageIT {

	private static final StoppablePostgres postgres = new StoppablePostgres("audit");

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JsonMapper json;

	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		registry.add("warden.postgres.url", postgres::url);
	}

	@AfterAll
	static void stopDatabase() {
		postgres.close();
	}

	@Test
	void losesAndDoublesNothingWhileTheDatabaseIsDown() throws Exception {
		String user = UUID.randomUUID().toString();
		List<String> before = publish(user, 20);
		await().atMost(Duration.ofSeconds(30)).until(() -> stored(user) == 20);

		postgres.stop();
		List<String> during = publish(user, 50);
		Thread.sleep(12_000); // longer than the retries a bad record gets before it is
								// dead-lettered
		postgres.start();
		List<String> after = publish(user, 10);

		await().atMost(Duration.ofSeconds(60)).until(() -> stored(user) == 80);
		List<String> ids = this.jdbc.queryForList("select event_id from security_event where user_id = ?", String.class,
				user);
		assertThat(ids).hasSize(80).doesNotHaveDuplicates();
		List<String> expected = new ArrayList<>(before);
		expected.addAll(during);
		expected.addAll(after);
		assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(KafkaRecords.readFor(Topics.deadLetterOf(Topics.AUTH_EVENTS), Duration.ofSeconds(3)))
			.noneMatch((record) -> record.value().contains(user));
	}

	private List<String> publish(String user, int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			CloudEvent event = CloudEvent.of(EventSources.AUTH_SERVICE, EventTypes.LOGIN_SUCCEEDED, user,
					Map.of("ip", "203.0.113.5"));
			KafkaRecords.send(Topics.AUTH_EVENTS, user, this.json.writeValueAsString(event));
			ids.add(event.id());
		}
		return ids;
	}

	private int stored(String user) {
		try {
			Integer count = this.jdbc.queryForObject("select count(*) from security_event where user_id = ?",
					Integer.class, user);
			return count == null ? 0 : count;
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

}
