package dev.warden.audit.ingest;

import java.util.ArrayList;
import java.util.List;

import dev.warden.audit.log.SecurityEventStore;
import dev.warden.event.CloudEvent;
import dev.warden.event.Topics;
import dev.warden.support.kafka.EventParser;
import dev.warden.support.kafka.InfrastructureFailures;
import dev.warden.support.kafka.MalformedEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * Stores every security event of every topic, once: a redelivered event id is a no-op.
 * Records arrive in batches and each batch is appended to the chain in one transaction
 * (one lock, one round of inserts). A malformed record, or one whose source does not own
 * its topic, is named to the error handler by its index: the records before it are stored
 * and committed, it goes to the topic's dead-letter twin, and the rest are delivered
 * again.
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

	@KafkaListener(topics = { Topics.AUTH_EVENTS, Topics.SESSION_EVENTS, Topics.TOKEN_EVENTS }, batch = "true")
	void on(List<String> values, @Header(KafkaHeaders.RECEIVED_TOPIC) List<String> topics) {
		List<CloudEvent> events = new ArrayList<>(values.size());
		for (int i = 0; i < values.size(); i++) {
			try {
				events.add(this.parser.parse(topics.get(i), values.get(i)));
			}
			catch (MalformedEventException ex) {
				append(events);
				throw new BatchListenerFailedException(String.valueOf(ex.getMessage()), ex, i);
			}
		}
		int stored = append(events);
		log.debug("Recorded {} of {} events (the rest were redeliveries)", stored, events.size());
	}

	/**
	 * Appends the batch. If the database is unreachable, the whole batch waits for it
	 * (named from its first record, which the shared error handler retries without limit,
	 * committing nothing). If the database refuses one of them, the events are appended
	 * one by one to find which, so only that one is retried and then dead-lettered, and
	 * the ones before it are kept.
	 */
	private int append(List<CloudEvent> events) {
		try {
			return this.store.insertAllIfAbsent(events);
		}
		catch (RuntimeException ex) {
			if (InfrastructureFailures.isUnavailable(ex)) {
				throw new BatchListenerFailedException("the security log's database is unavailable", ex, 0);
			}
			int stored = 0;
			for (int i = 0; i < events.size(); i++) {
				try {
					stored += this.store.insertAllIfAbsent(List.of(events.get(i)));
				}
				catch (RuntimeException one) {
					throw new BatchListenerFailedException("the database refused an event", one, i);
				}
			}
			return stored;
		}
	}

}
