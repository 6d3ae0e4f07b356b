package dev.warden.auth.events;

import dev.warden.event.CloudEvent;
import dev.warden.event.EventPayload;
import dev.warden.event.EventSources;
import dev.warden.event.Topics;
import dev.warden.support.outbox.OutboxWriter;

import org.springframework.stereotype.Component;

/**
 * Appends auth-service's events to the outbox, inside the caller's transaction, so each
 * commits with the state change it reports (or, for a failed sign-in, on its own). No
 * payload holds a password, hash or secret.
 */
@Component
public class AuthEvents {

	public static final String SOURCE = EventSources.AUTH_SERVICE;

	private final OutboxWriter outbox;

	AuthEvents(OutboxWriter outbox) {
		this.outbox = outbox;
	}

	/** Publishes {@code payload} about {@code userId} (the subject and Kafka key). */
	public void publish(String userId, EventPayload payload) {
		this.outbox.append(Topics.AUTH_EVENTS, CloudEvent.of(SOURCE, userId, payload));
	}

}
