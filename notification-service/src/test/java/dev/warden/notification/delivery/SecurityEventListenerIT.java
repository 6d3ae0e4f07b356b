package dev.warden.notification.delivery;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.warden.event.CloudEvent;
import dev.warden.event.EventTypes;
import dev.warden.event.Topics;
import dev.warden.infra.test.KafkaRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** An event without a template is consumed, logged by type and id only, and not mailed. */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class SecurityEventListenerIT {

	@Autowired
	JsonMapper json;

	@Test
	void logsEventsItHasNoTemplateFor(CapturedOutput output) {
		String email = "someone-" + UUID.randomUUID() + "@example.test";
		CloudEvent event = CloudEvent.of("/auth-service", EventTypes.USER_CREATED, UUID.randomUUID().toString(),
				Map.of("email", email));

		KafkaRecords.send(Topics.AUTH_EVENTS, event.subject(), this.json.writeValueAsString(event));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> output.getOut().contains("No template for warden.user.created (event " + event.id() + ")"));
		org.assertj.core.api.Assertions.assertThat(output.getOut()).doesNotContain(email);
	}
}
