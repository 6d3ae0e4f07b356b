package dev.warden.audit.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import dev.warden.audit.log.SecurityEventStore;
import dev.warden.event.CloudEvent;
import dev.warden.event.EventSources;
import dev.warden.event.EventTypes;
import dev.warden.event.Topics;
import dev.warden.infra.test.KafkaRecords;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Retention removes old entries, records its own run, and leaves a chain that still
 * verifies.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RetentionIT {

	@Autowired
	SecurityEventStore store;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JsonMapper json;

	@Test
	void removesWhatIsPastRetentionRecordsItAndKeepsTheChainVerifiable() {
		// A clock 1,000 days ahead: everything stored so far is past a 400-day retention,
		// except two entries that
		// "happen" 700 days from now.
		Instant now = Instant.now();
		Clock later = Clock.fixed(now.plus(Duration.ofDays(1000)), ZoneOffset.UTC);
		String user = UUID.randomUUID().toString();
		String old = publish(user, now.minus(Duration.ofDays(1)));
		String kept1 = publish(user, now.plus(Duration.ofDays(700)));
		String kept2 = publish(user, now.plus(Duration.ofDays(701)));
		await().atMost(Duration.ofSeconds(30)).until(() -> count(old) + count(kept1) + count(kept2) == 3);

		int removed = new RetentionJob(this.store, new RetentionProperties(Duration.ofDays(400), null), later).apply();

		assertThat(removed).isPositive();
		assertThat(count(old)).isZero();
		assertThat(count(kept1) + count(kept2)).isEqualTo(2);
		assertThat(this.jdbc.queryForObject("select count(*) from security_event where type = ?", Integer.class,
				EventTypes.AUDIT_RETENTION_APPLIED))
			.isPositive();
		SecurityEventStore.Verification verification = this.store.verify();
		assertThat(verification.valid()).isTrue();
		assertThat(verification.checked()).isGreaterThanOrEqualTo(3);
	}

	private String publish(String user, Instant time) {
		CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(),
				EventSources.AUTH_SERVICE, EventTypes.LOGOUT, time, user, CloudEvent.JSON, Map.of("ip", "203.0.113.1"));
		KafkaRecords.send(Topics.AUTH_EVENTS, user, this.json.writeValueAsString(event));
		return event.id();
	}

	private int count(String eventId) {
		Integer count = this.jdbc.queryForObject("select count(*) from security_event where event_id = ?",
				Integer.class, eventId);
		return count == null ? 0 : count;
	}

}
