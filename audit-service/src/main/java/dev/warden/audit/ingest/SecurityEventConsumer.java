package dev.warden.audit.ingest;

import dev.warden.audit.log.SecurityEventStore;
import dev.warden.event.CloudEvent;
import dev.warden.event.Topics;
import dev.warden.support.kafka.EventParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Stores every security event of every topic, once: a redelivered event id is a no-op. Malformed records are
 * refused by the parser and end in the topic's dead-letter twin.
 */
@Component
class SecurityEventConsumer {

	private static final Logger log = LoggerFactory.getLogger(SecurityEventConsumer.class);

	private final EventParser parser;

	private final SecurityEventStore store;

	SecurityEventConsumer(EventParser parser, SecurityEventStore store) {
		this.parser = parser;
		this.store = store;
	}

	@KafkaListener(topics = { Topics.AUTH_EVENTS, Topics.SESSION_EVENTS, Topics.TOKEN_EVENTS })
	void on(String value) {
		CloudEvent event = this.parser.parse(value);
		if (this.store.insertIfAbsent(event)) {
			log.debug("Recorded {} {}", event.type(), event.id());
		}
		else {
			log.debug("Ignored redelivered event {}", event.id());
		}
	}
}
