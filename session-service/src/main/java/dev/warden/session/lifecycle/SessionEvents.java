package dev.warden.session.lifecycle;

import dev.warden.event.CloudEvent;
import dev.warden.event.EventPayload;
import dev.warden.event.EventSources;
import dev.warden.event.session.SessionCreated;
import dev.warden.event.session.SessionRenewed;
import dev.warden.event.session.SessionRevoked;
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
		return queue(session.userId(),
				new SessionCreated(session.userId(), session.publicId(), session.ip(), session.userAgent(),
						session.device().browser(), session.device().os(), session.device().deviceType(),
						session.authMethods(), newDevice));
	}

	QueuedEvent revoked(Session session, RevocationReason reason) {
		return queue(session.userId(),
				new SessionRevoked(session.userId(), session.publicId(), session.ip(), session.userAgent(),
						session.device().browser(), session.device().os(), session.device().deviceType(),
						reason.value()));
	}

	QueuedEvent renewed(Session session, boolean reauthenticated) {
		return queue(session.userId(),
				new SessionRenewed(session.userId(), session.publicId(), session.ip(), session.userAgent(),
						session.device().browser(), session.device().os(), session.device().deviceType(),
						reauthenticated));
	}

	private QueuedEvent queue(String userId, EventPayload payload) {
		CloudEvent event = CloudEvent.of(SOURCE, userId, payload);
		return new QueuedEvent(userId, this.json.writeValueAsString(event));
	}

}
