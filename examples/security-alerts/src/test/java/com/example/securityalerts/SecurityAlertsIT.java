package com.example.securityalerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.warden.event.CloudEvent;
import dev.warden.event.EventSources;
import dev.warden.event.Topics;
import dev.warden.event.auth.AccountLocked;
import dev.warden.event.auth.SecondFactorFailed;
import dev.warden.infra.kafka.KafkaPrincipals;
import dev.warden.infra.test.KafkaRecords;
import dev.warden.infra.test.SharedInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example consumer against a real broker: it acts once on a redelivered event, only
 * on events from the topic's owner, and skips what it does not understand without
 * stopping.
 */
@SpringBootTest
class SecurityAlertsIT {

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		Map<String, Object> client = SharedInfrastructure.get().kafkaClientProperties(KafkaPrincipals.TEST.name());
		registry.add("spring.kafka.bootstrap-servers", () -> client.get("bootstrap.servers"));
		registry.add("spring.kafka.properties.sasl.jaas.config", () -> client.get("sasl.jaas.config"));
		// The tests' principal may read every topic in groups named test-*.
		registry.add("spring.kafka.consumer.group-id", () -> "test-security-alerts-" + UUID.randomUUID());
	}

	@Autowired
	Alerts alerts;

	@Autowired
	JsonMapper json;

	@Test
	void alertsOncePerEventAndOnlyOnWhatTheTopicsOwnerSaid() {
		String user = UUID.randomUUID().toString();
		CloudEvent failed = CloudEvent.of(EventSources.AUTH_SERVICE, user, new SecondFactorFailed("ada@example.test",
				"Ada", null, "203.0.113.7", null, 10, Instant.now().plusSeconds(900)));
		CloudEvent forged = CloudEvent.of(EventSources.TOKEN_SERVICE, user, new SecondFactorFailed("ada@example.test",
				"Ada", null, "198.51.100.1", null, 10, Instant.now().plusSeconds(900)));
		CloudEvent temporary = CloudEvent.of(EventSources.AUTH_SERVICE, user, new AccountLocked("ada@example.test",
				"Ada", null, "203.0.113.7", null, 5, false, Instant.now().plusSeconds(900)));
		CloudEvent permanent = CloudEvent.of(EventSources.AUTH_SERVICE, user,
				new AccountLocked("ada@example.test", "Ada", null, "203.0.113.7", null, 20, true, null));
		CloudEvent newer = CloudEvent.of(EventSources.AUTH_SERVICE, "warden.something.new", user,
				Map.of("anything", "at all"));

		send(user, "{not an event");
		send(user, this.json.writeValueAsString(failed));
		send(user, this.json.writeValueAsString(failed)); // redelivered
		send(user, this.json.writeValueAsString(forged));
		send(user, this.json.writeValueAsString(newer));
		send(user, this.json.writeValueAsString(temporary));
		send(user, this.json.writeValueAsString(permanent));

		await().atMost(Duration.ofSeconds(30)).until(() -> alertsFor(user) == 2);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> alertsFor(user) == 2);
		assertThat(this.alerts.raised()).filteredOn((alert) -> alert.userId().equals(user))
			.extracting(Alerts.Alert::text)
			.containsExactly("Someone who knows the password failed the second step 10 times, from 203.0.113.7",
					"The account is locked until an administrator unlocks it");
	}

	private long alertsFor(String user) {
		return this.alerts.raised().stream().filter((alert) -> alert.userId().equals(user)).count();
	}

	private static void send(String user, String value) {
		KafkaRecords.send(Topics.AUTH_EVENTS, user, value);
	}

}
