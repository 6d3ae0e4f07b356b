package dev.warden.support.outbox;

import dev.warden.event.CloudEvent;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends an event to the outbox inside the caller's transaction, so the state change and
 * its event commit together or not at all. After the commit the relay is woken, so events
 * usually leave within milliseconds.
 */
public class OutboxWriter {

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final OutboxRelay relay;

	public OutboxWriter(JdbcTemplate jdbc, JsonMapper json, OutboxRelay relay) {
		this.jdbc = jdbc;
		this.json = json;
		this.relay = relay;
	}

	/**
	 * Records {@code event} for {@code topic}, keyed by its subject (the user id) for
	 * per-user ordering.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void append(String topic, CloudEvent event) {
		String key = event.subject() == null ? event.id() : event.subject();
		this.jdbc.update("insert into outbox_event (event_id, topic, message_key, payload) values (?, ?, ?, ?)",
				event.id(), topic, key, this.json.writeValueAsString(event));
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				OutboxWriter.this.relay.wakeUp();
			}
		});
	}

}
