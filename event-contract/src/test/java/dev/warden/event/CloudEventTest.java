package dev.warden.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class CloudEventTest {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void serialisesAsStructuredCloudEventWithRfc3339Time() {
		CloudEvent event = CloudEvent.of("/auth-service", EventTypes.USER_CREATED, "user-1", Map.of("email", "a@b.c"));

		String text = json.writeValueAsString(event);

		assertThat(text).contains("\"specversion\":\"1.0\"")
			.contains("\"type\":\"warden.user.created\"")
			.contains("\"datacontenttype\":\"application/json\"")
			.containsPattern("\"time\":\"\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z\"");
		assertThat(json.readValue(text, CloudEvent.class)).isEqualTo(event);
	}

	@Test
	void ignoresUnknownEnvelopeAttributes() {
		String text = """
				{"specversion":"1.0","id":"e1","source":"/x","type":"warden.future.thing","time":"2026-01-01T00:00:00Z",
				 "subject":"u","datacontenttype":"application/json","data":{"a":1},"traceparent":"00-abc"}""";

		CloudEvent event = json.readValue(text, CloudEvent.class);

		assertThat(event.isWellFormed()).isTrue();
		assertThat(EventTypes.isKnown(event.type())).isFalse();
	}

	@Test
	void isNotWellFormedWithoutIdOrWithAnotherSpecVersion() {
		assertThat(new CloudEvent("1.0", null, "/x", "t", java.time.Instant.now(), "u", null, null).isWellFormed())
			.isFalse();
		assertThat(new CloudEvent("0.3", "id", "/x", "t", java.time.Instant.now(), "u", null, null).isWellFormed())
			.isFalse();
	}

	@Test
	void deadLetterTopicKeepsSpringKafkaSuffix() {
		assertThat(Topics.deadLetterOf(Topics.AUTH_EVENTS)).isEqualTo("warden.auth.events-dlt");
	}

	@org.junit.jupiter.api.Test
	void leavesUnknownValuesOutInsteadOfFailing() {
		java.util.Map<String, Object> data = new java.util.HashMap<>();
		data.put("ip", null);
		data.put("name", "ci");

		CloudEvent event = CloudEvent.of("/test", EventTypes.TOKEN_CREATED, "user-1", data);

		org.assertj.core.api.Assertions.assertThat(event.data()).containsOnlyKeys("name");
	}

}
