package dev.warden.session.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.warden.event.auth.PasswordChanged;
import dev.warden.event.EventData;
import dev.warden.event.CloudEvent;
import dev.warden.event.EventSources;
import dev.warden.event.EventTypes;
import dev.warden.event.Topics;
import dev.warden.infra.test.KafkaRecords;
import dev.warden.infra.test.MutableClock;
import dev.warden.session.ClockTestConfiguration;
import dev.warden.session.SessionApi;
import dev.warden.session.SessionApi.SignedIn;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * A {@code password.changed} on auth-service's topic that claims another source, as a
 * compromised service might write it if a write ever got past Kafka's ACLs:
 * session-service's real consumer ends no session and dead-letters the event with the
 * reason.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(ClockTestConfiguration.class)
class ForgedSourceIT {

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	@Autowired
	MutableClock clock;

	@Test
	void passwordChangedFromAnotherSourceEndsNoSessionAndIsDeadLetteredWithTheReason() {
		SessionApi api = new SessionApi(this.port, this.json);
		String user = "user-" + UUID.randomUUID();
		SignedIn laptop = api.signIn(user, SessionApi.CHROME_ON_WINDOWS);
		SignedIn phone = api.signIn(user, SessionApi.SAFARI_ON_IPHONE);
		this.clock.advance(Duration.ofSeconds(5));
		CloudEvent forged = passwordChanged(user, EventSources.TOKEN_SERVICE);

		KafkaRecords.send(Topics.AUTH_EVENTS, user, this.json.writeValueAsString(forged));

		List<ConsumerRecord<String, String>> deadLetters = KafkaRecords.readUntil(
				Topics.deadLetterOf(Topics.AUTH_EVENTS), (records) -> find(records, forged.id()) != null,
				Duration.ofSeconds(30));
		ConsumerRecord<String, String> deadLetter = find(deadLetters, forged.id());
		assertThat(deadLetter).as("the forged event in the dead-letter topic").isNotNull();
		assertThat(new String(deadLetter.headers().lastHeader("kafka_dlt-exception-message").value(),
				StandardCharsets.UTF_8))
			.contains("source '/token-service' does not own warden.auth.events");
		assertThat(api.isActive(laptop.secret())).isTrue();
		assertThat(api.isActive(phone.secret())).isTrue();

		// The same change from its owner is acted on: the consumer was listening all
		// along.
		KafkaRecords.send(Topics.AUTH_EVENTS, user,
				this.json.writeValueAsString(passwordChanged(user, EventSources.AUTH_SERVICE)));
		await().atMost(Duration.ofSeconds(30)).until(() -> !api.isActive(phone.secret()));
	}

	private CloudEvent passwordChanged(String user, String source) {
		return new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), source,
				EventTypes.PASSWORD_CHANGED, this.clock.instant().minusSeconds(1), user, CloudEvent.JSON,
				EventData.of(new PasswordChanged("u@example.test", "U", null, "203.0.113.7", null, null, true,
						this.clock.instant().minusSeconds(1))));
	}

	private static ConsumerRecord<String, String> find(List<ConsumerRecord<String, String>> records, String id) {
		return records.stream().filter((record) -> record.value().contains(id)).findFirst().orElse(null);
	}

}
