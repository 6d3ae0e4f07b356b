package dev.warden.notification.delivery;

import dev.warden.event.CloudEvent;
import dev.warden.event.Topics;
import dev.warden.support.kafka.EventParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Receives every security event and decides whether the user is to be told. Events without a template are
 * acknowledged and logged (type and id only: the data may hold personal details).
 */
@Component
class SecurityEventListener {

	private static final Logger log = LoggerFactory.getLogger(SecurityEventListener.class);

	private final EventParser parser;

	SecurityEventListener(EventParser parser) {
		this.parser = parser;
	}

	@KafkaListener(topics = { Topics.AUTH_EVENTS, Topics.SESSION_EVENTS, Topics.TOKEN_EVENTS })
	void on(String value) {
		CloudEvent event = this.parser.parse(value);
		log.info("No template for {} (event {}); nothing to send", event.type(), event.id());
	}
}
