package dev.warden.token.owner;

import java.time.Clock;
import java.util.List;

import dev.warden.event.CloudEvent;
import dev.warden.event.EventTypes;
import dev.warden.event.Topics;
import dev.warden.support.kafka.EventParser;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@code token_owner} in step with auth-service: a new user's roles and address, a permanent lock and its
 * lifting. Idempotent by event id; a malformed event goes to the dead-letter topic (the shared error handler).
 */
@Component
class OwnerEventsListener {

	private final EventParser parser;

	private final TokenOwners owners;

	private final TransactionTemplate transactions;

	private final Clock clock;

	OwnerEventsListener(EventParser parser, TokenOwners owners, TransactionTemplate transactions, Clock clock) {
		this.parser = parser;
		this.owners = owners;
		this.transactions = transactions;
		this.clock = clock;
	}

	@KafkaListener(topics = Topics.AUTH_EVENTS)
	void on(String value) {
		CloudEvent event = this.parser.parse(value);
		if (event.subject() == null || !relevant(event)) {
			return;
		}
		this.transactions.executeWithoutResult((tx) -> {
			if (this.owners.alreadyProcessed(event.id(), this.clock.instant())) {
				return;
			}
			apply(event);
		});
	}

	private static boolean relevant(CloudEvent event) {
		return EventTypes.USER_CREATED.equals(event.type())
				|| (EventTypes.ACCOUNT_LOCKED.equals(event.type()) && Boolean.TRUE.equals(event.data().get("permanent")))
				|| EventTypes.ACCOUNT_UNLOCKED.equals(event.type());
	}

	@SuppressWarnings("unchecked")
	private void apply(CloudEvent event) {
		switch (event.type()) {
			case EventTypes.USER_CREATED -> {
				Object roles = event.data().get("roles");
				this.owners.upsert(event.subject(), event.dataString("email"), event.dataString("displayName"),
						roles instanceof List<?> list ? (List<String>) list : List.of(), this.clock.instant());
			}
			case EventTypes.ACCOUNT_LOCKED -> this.owners.setLocked(event.subject(), true, this.clock.instant());
			case EventTypes.ACCOUNT_UNLOCKED -> this.owners.setLocked(event.subject(), false, this.clock.instant());
			default -> {
			}
		}
	}
}
