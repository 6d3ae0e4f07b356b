package dev.warden.gateway.authentication;

import dev.warden.event.CloudEvent;
import dev.warden.event.CommonFields;
import dev.warden.event.EventSources;
import dev.warden.event.EventTypes;
import dev.warden.event.Topics;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * Hears every session revocation and renewal, and every token revocation, and drops them
 * from this replica's caches at once. Each gateway replica consumes in a group of its own
 * ({@code gateway-<WARDEN_GATEWAY_INSTANCE>}, e.g. its pod name, or
 * {@code gateway-<random>}), so every replica hears every revocation and "end other
 * sessions" takes effect everywhere within the event's delivery time. An event whose
 * source does not own its topic is ignored: audit-service and notification-service
 * dead-letter it.
 */
@Component
class RevocationListener {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RevocationListener.class);

	private final SessionIntrospector sessions;

	private final TokenIntrospector tokens;

	private final JsonMapper json;

	RevocationListener(SessionIntrospector sessions, TokenIntrospector tokens, JsonMapper json) {
		this.sessions = sessions;
		this.tokens = tokens;
		this.json = json;
	}

	@KafkaListener(topics = { Topics.SESSION_EVENTS, Topics.TOKEN_EVENTS },
			groupId = "gateway-${warden.gateway.instance:${random.uuid}}")
	void on(String value, @Header(KafkaHeaders.RECEIVED_TOPIC) String topic) {
		CloudEvent event;
		try {
			event = this.json.readValue(value, CloudEvent.class);
		}
		catch (JacksonException ex) {
			return; // Not ours to dead-letter: audit-service does that; the gateway only
					// listens.
		}
		if (event != null
				&& (!EventSources.isOwner(topic, event.source()) || !EventSources.belongsOn(topic, event.type()))) {
			log.warn("Ignored event {} on {}: its source or type is not the topic's owner's", event.id(), topic);
			return;
		}
		if (event == null) {
			return;
		}
		// Eviction costs at most a cache miss, so the type decides and the ids are read
		// leniently: an event that is not its record's exact shape still revokes.
		CommonFields fields = CommonFields.of(event.data());
		String type = event.type();
		// A renewed session keeps its id but not its old cookie: forget that too.
		if (EventTypes.SESSION_REVOKED.equals(type) || EventTypes.SESSION_RENEWED.equals(type)) {
			this.sessions.evictSession(fields.sessionId());
			log.debug("Forgot session {} ({})", fields.sessionId(), type);
		}
		if (EventTypes.TOKEN_REVOKED.equals(type) || EventTypes.TOKEN_EXPIRED.equals(type)) {
			this.tokens.evictToken(fields.tokenId());
		}
		// The owner was locked (or unlocked): every cached answer about the user's tokens
		// is stale.
		if (EventTypes.TOKENS_SUSPENDED.equals(type)) {
			this.tokens.evictUser(event.subject());
		}
	}

}
