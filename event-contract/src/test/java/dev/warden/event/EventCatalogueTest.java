package dev.warden.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.warden.event.auth.AccountLocked;
import dev.warden.event.auth.LoginSucceeded;
import dev.warden.event.auth.PasswordChanged;
import dev.warden.event.token.TokenCreated;
import org.junit.jupiter.api.Test;

class EventCatalogueTest {

	@Test
	void everyEventTypeHasOnePayloadRecordAndAnExample() {
		assertThat(EventCatalogue.all()).extracting(EventCatalogue.Entry::type)
			.containsExactlyInAnyOrderElementsOf(EventTypes.ALL);
		assertThat(EventCatalogue.all()).extracting(EventCatalogue.Entry::payload).doesNotHaveDuplicates();
		assertThat(EventCatalogue.all())
			.allSatisfy((entry) -> assertThat(entry.example()).isInstanceOf(entry.payload()));
	}

	@Test
	void everyTypeButTheLogsOwnIsPublishedOnItsTopic() {
		assertThat(EventCatalogue.all()).filteredOn((entry) -> entry.topic().isEmpty())
			.extracting(EventCatalogue.Entry::type)
			.containsExactly(EventTypes.AUDIT_RETENTION_APPLIED);
	}

	@Test
	void everyExampleReadsBackFromItsDataAsItWasWritten() {
		for (EventCatalogue.Entry entry : EventCatalogue.all()) {
			Map<String, Object> data = EventData.of(entry.example());

			assertThat(EventData.read(data, entry.payload())).as(entry.type()).isEqualTo(entry.example());
		}
	}

	@Test
	void anEventOfAPayloadTakesItsTypeFromTheCatalogueAndReadsBack() {
		PasswordChanged changed = (PasswordChanged) EventCatalogue.byType(EventTypes.PASSWORD_CHANGED)
			.orElseThrow()
			.example();

		CloudEvent event = CloudEvent.of(EventSources.AUTH_SERVICE, "user-1", changed);

		assertThat(event.type()).isEqualTo(EventTypes.PASSWORD_CHANGED);
		assertThat(event.subject()).isEqualTo("user-1");
		assertThat(event.payload()).isEqualTo(changed);
		assertThat(event.payload(PasswordChanged.class)).isEqualTo(changed);
	}

	@Test
	void anUnknownValueIsLeftOutAndAnInstantIsItsIsoText() {
		Instant until = Instant.parse("2026-05-01T12:00:00.250Z");
		Map<String, Object> data = EventData
			.of(new AccountLocked("a@example.test", "A", null, "203.0.113.7", null, 5, false, until));

		assertThat(data).doesNotContainKeys("locale", "userAgent")
			.containsEntry("lockedUntil", "2026-05-01T12:00:00.250Z")
			.containsEntry("failures", 5L)
			.containsEntry("permanent", false);
	}

	@Test
	void fieldsANewerProducerAddedAreIgnored() {
		Map<String, Object> data = new LinkedHashMap<>(EventData.of(example(EventTypes.TOKEN_CREATED)));
		data.put("addedLater", Map.of("any", "thing"));

		assertThat(EventData.read(data, TokenCreated.class)).isEqualTo(example(EventTypes.TOKEN_CREATED));
	}

	@Test
	void dataWithoutARequiredFieldIsRefusedNamingTheFieldButNotTheValues() {
		Map<String, Object> withoutSession = new LinkedHashMap<>(EventData.of(example(EventTypes.LOGIN_SUCCEEDED)));
		withoutSession.remove("sessionId");
		Map<String, Object> withoutFlag = new LinkedHashMap<>(EventData.of(example(EventTypes.LOGIN_SUCCEEDED)));
		withoutFlag.remove("newDevice");
		Map<String, Object> wrongType = new LinkedHashMap<>(EventData.of(example(EventTypes.LOGIN_SUCCEEDED)));
		wrongType.put("authMethods", "pwd");

		assertThatThrownBy(() -> EventData.read(withoutSession, LoginSucceeded.class))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("sessionId");
		assertThatThrownBy(() -> EventData.read(withoutFlag, LoginSucceeded.class)).hasMessageContaining("newDevice");
		assertThatThrownBy(() -> EventData.read(wrongType, LoginSucceeded.class)).hasMessageContaining("authMethods")
			.hasMessageNotContaining("ada@example.com");
	}

	@Test
	void anOptionalFieldMayBeAbsent() {
		Map<String, Object> data = new LinkedHashMap<>(EventData.of(example(EventTypes.PASSWORD_CHANGED)));
		data.remove("sessionId");
		data.remove("ip");

		PasswordChanged read = EventData.read(data, PasswordChanged.class);

		assertThat(read.sessionId()).isNull();
		assertThat(read.ip()).isNull();
	}

	@Test
	void anEventOfAnUnknownTypeHasNoPayload() {
		CloudEvent event = CloudEvent.of(EventSources.AUTH_SERVICE, "warden.nothing.happened", "u", Map.of());

		assertThatThrownBy(event::payload).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("warden.nothing.happened");
	}

	@Test
	void listsKeepTheirOrder() {
		LoginSucceeded example = (LoginSucceeded) example(EventTypes.LOGIN_SUCCEEDED);

		assertThat(EventData.of(example)).containsEntry("authMethods", List.of("pwd", "otp"));
	}

	@Test
	void theSharedFieldsReadFromAnyDataAreThoseItsRecordGives() {
		for (EventCatalogue.Entry entry : EventCatalogue.all()) {
			EventPayload example = entry.example();
			CommonFields fields = CommonFields.of(EventData.of(example));

			assertThat(fields.actorId()).as(entry.type())
				.isEqualTo((example instanceof ByActor by) ? by.actorId() : null);
			assertThat(fields.ip()).as(entry.type())
				.isEqualTo((example instanceof FromClient client) ? client.ip() : null);
			assertThat(fields.userAgent()).as(entry.type())
				.isEqualTo((example instanceof FromClient client) ? client.userAgent() : null);
			assertThat(fields.sessionId()).as(entry.type())
				.isEqualTo((example instanceof AboutSession session) ? session.sessionId() : null);
			assertThat(fields.tokenId()).as(entry.type())
				.isEqualTo((example instanceof AboutToken token) ? token.tokenId() : null);
			assertThat(fields.browser()).as(entry.type())
				.isEqualTo((example instanceof OnDevice device) ? device.browser() : null);
			assertThat(fields.os()).as(entry.type())
				.isEqualTo((example instanceof OnDevice device) ? device.os() : null);
		}
		assertThat(CommonFields.of(Map.of("ip", List.of("not", "text"), "sessionId", 7)))
			.isEqualTo(new CommonFields(null, null, null, "7", null, null, null));
	}

	private static EventPayload example(String type) {
		return EventCatalogue.byType(type).orElseThrow().example();
	}

}
