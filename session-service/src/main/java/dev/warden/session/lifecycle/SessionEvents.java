package dev.warden.session.lifecycle;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.warden.event.CloudEvent;
import dev.warden.event.EventSources;
import dev.warden.event.EventTypes;
import dev.warden.session.store.QueuedEvent;
import dev.warden.session.store.Session;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/** Builds session events; they name the public session id, never the secret. */
@Component
class SessionEvents {

	static final String SOURCE = EventSources.SESSION_SERVICE;

	private final JsonMapper json;

	SessionEvents(JsonMapper json) {
		this.json = json;
	}

	QueuedEvent created(Session session, boolean newDevice) {
		Map<String, Object> data = describe(session);
		data.put("authMethods", session.authMethods());
		data.put("newDevice", newDevice);
		return queue(EventTypes.SESSION_CREATED, session.userId(), data);
	}

	QueuedEvent revoked(Session session, RevocationReason reason) {
		Map<String, Object> data = describe(session);
		data.put("reason", reason.value());
		return queue(EventTypes.SESSION_REVOKED, session.userId(), data);
	}

	QueuedEvent renewed(Session session, boolean reauthenticated) {
		Map<String, Object> data = describe(session);
		data.put("reauthenticated", reauthenticated);
		return queue(EventTypes.SESSION_RENEWED, session.userId(), data);
	}

	private static Map<String, Object> describe(Session session) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("userId", session.userId());
		data.put("sessionId", session.publicId());
		data.put("ip", session.ip());
		data.put("userAgent", session.userAgent());
		data.put("browser", session.device().browser());
		data.put("os", session.device().os());
		data.put("deviceType", session.device().deviceType());
		return data;
	}

	private QueuedEvent queue(String type, String userId, Map<String, Object> data) {
		CloudEvent event = CloudEvent.of(SOURCE, type, userId, data);
		return new QueuedEvent(userId, this.json.writeValueAsString(event));
	}

}
