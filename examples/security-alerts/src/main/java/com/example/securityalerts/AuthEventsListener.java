package com.example.securityalerts;

import dev.warden.event.CloudEvent;
import dev.warden.event.EventCatalogue;
import dev.warden.event.EventSources;
import dev.warden.event.EventTypes;
import dev.warden.event.Topics;
import dev.warden.event.auth.AccountLocked;
import dev.warden.event.auth.SecondFactorFailed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * Reads Warden's auth events: believes an event only from the topic's owner, acts on each
 * event id once (delivery is at least once), reads the data of the types it cares about
 * as their payload records, and skips every other type, including types newer than this
 * code.
 */
@Component
class AuthEventsListener {

	private static final Logger log = LoggerFactory.getLogger(AuthEventsListener.class);

	private final JsonMapper json;

	private final ProcessedEvents processed;

	private final Alerts alerts;

	AuthEventsListener(JsonMapper json, ProcessedEvents processed, Alerts alerts) {
		this.json = json;
		this.processed = processed;
		this.alerts = alerts;
	}

	@KafkaListener(topics = Topics.AUTH_EVENTS)
	void on(String value, @Header(KafkaHeaders.RECEIVED_TOPIC) String topic) {
		CloudEvent event;
		try {
			event = this.json.readValue(value, CloudEvent.class);
		}
		catch (JacksonException ex) {
			log.warn("Skipped a record on {} that is not a CloudEvent", topic);
			return;
		}
		if (event == null || !event.isWellFormed() || !EventSources.isOwner(topic, event.source())) {
			log.warn("Skipped an event on {} that is malformed or not from the topic's owner", topic);
			return;
		}
		if (EventCatalogue.byType(event.type()).isEmpty() || this.processed.contains(event.id())) {
			return; // a type newer than this code, or an event acted on already
		}
		try {
			if (EventTypes.SECOND_FACTOR_FAILED.equals(event.type())) {
				SecondFactorFailed failed = event.payload(SecondFactorFailed.class);
				this.alerts.raise(event.subject(), "Someone who knows the password failed the second step "
						+ failed.failures() + " times, from " + failed.ip());
			}
			else if (EventTypes.ACCOUNT_LOCKED.equals(event.type()) && event.payload(AccountLocked.class).permanent()) {
				this.alerts.raise(event.subject(), "The account is locked until an administrator unlocks it");
			}
		}
		catch (IllegalArgumentException ex) {
			// Data without its type's shape: not guessed at. A service with a dead-letter
			// topic sends it there; this one says so and moves on.
			log.warn("Skipped event {}: {}", event.id(), ex.getMessage());
			return;
		}
		// Remembered once acted on: an event that failed half-way is acted on when it
		// comes again.
		this.processed.remember(event.id());
	}

}
