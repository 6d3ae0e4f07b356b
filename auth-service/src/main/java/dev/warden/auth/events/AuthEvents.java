package dev.warden.auth.events;

import java.util.Map;

import dev.warden.event.CloudEvent;
import dev.warden.event.EventSources;
import dev.warden.event.Topics;
import dev.warden.support.outbox.OutboxWriter;

import org.springframework.stereotype.Component;

/**
 * Appends auth-service's events to the outbox, inside the caller's transaction, so each
 * commits with the state change it reports (or, for a failed sign-in, on its own). Never
 * pass a password, hash or secret in {@code data}.
 */
@Component
public class AuthEvents {

	public static final String SOURCE = EventSources.AUTH_SERVICE;

	private final OutboxWriter outbox;

	AuthEvents(OutboxWriter outbox) {
		this.outbox = outbox;
	}

	public void publish(String type, String userId, Map<String, Object> data) {
		this.outbox.append(Topics.AUTH_EVENTS, CloudEvent.of(SOURCE, type, userId, data));
	}

}
