package dev.warden.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import dev.warden.event.CloudEvent;
import dev.warden.event.EventSources;
import dev.warden.event.EventTypes;
import dev.warden.event.Topics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class EventParserTest {

	private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

	private final EventParser parser = new EventParser(this.json);

	@Test
	void parseWhenSourceOwnsTheTopicThenReturnsTheEvent() {
		CloudEvent event = CloudEvent.of(EventSources.AUTH_SERVICE, EventTypes.PASSWORD_CHANGED, "user-1", Map.of());

		assertThat(this.parser.parse(Topics.AUTH_EVENTS, this.json.writeValueAsString(event)).id())
			.isEqualTo(event.id());
	}

	@Test
	void parseWhenSourceIsAnotherServiceThenRefusesItNamingTheSource() {
		CloudEvent forged = CloudEvent.of(EventSources.TOKEN_SERVICE, EventTypes.PASSWORD_CHANGED, "user-1", Map.of());

		assertThatThrownBy(() -> this.parser.parse(Topics.AUTH_EVENTS, this.json.writeValueAsString(forged)))
			.isInstanceOf(UntrustedSourceException.class)
			.isInstanceOf(MalformedEventException.class)
			.hasMessage("source '/token-service' does not own warden.auth.events");
	}

	@Test
	void parseWhenTheOwnerSpeaksOfWhatItDoesNotOwnThenRefusesIt() {
		// session-service, on its own topic, announcing a password change (which ends
		// sessions, mails the user).
		CloudEvent overreach = CloudEvent.of(EventSources.SESSION_SERVICE, EventTypes.PASSWORD_CHANGED, "user-1",
				Map.of("email", "attacker@example.test"));

		assertThatThrownBy(() -> this.parser.parse(Topics.SESSION_EVENTS, this.json.writeValueAsString(overreach)))
			.isInstanceOf(UntrustedSourceException.class)
			.hasMessage("type 'warden.password.changed' is not published on warden.session.events"
					+ " (source '/session-service')");
	}

	@Test
	void parseWhenTopicIsNotAnEventTopicThenNoSourceIsTrusted() {
		CloudEvent event = CloudEvent.of(EventSources.AUTH_SERVICE, EventTypes.PASSWORD_CHANGED, "user-1", Map.of());

		assertThatThrownBy(() -> this.parser.parse("elsewhere", this.json.writeValueAsString(event)))
			.isInstanceOf(UntrustedSourceException.class);
	}

	@Test
	void parseWhenNotACloudEventThenMalformed() {
		assertThatThrownBy(() -> this.parser.parse(Topics.AUTH_EVENTS, "{not json"))
			.isInstanceOf(MalformedEventException.class)
			.isNotInstanceOf(UntrustedSourceException.class);
	}

}
