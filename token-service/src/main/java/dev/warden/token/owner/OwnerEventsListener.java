package dev.warden.token.owner;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.warden.event.CloudEvent;
import dev.warden.event.EventTypes;
import dev.warden.event.Topics;
import dev.warden.support.kafka.EventParser;
import dev.warden.support.outbox.OutboxWriter;
import dev.warden.token.lifecycle.TokenService;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@code token_owner} in step with auth-service: a new user's roles and address, a
 * permanent lock and its lifting. A lock or its lifting is announced as
 * {@code token.owner-suspended} in the same transaction, so every gateway forgets the
 * owner's cached tokens at once. Idempotent by event id; a malformed event, or one that
 * auth-service did not send, goes to the dead-letter topic (the shared error handler).
 */
@Component
class OwnerEventsListener {

	private final EventParser parser;

	private final TokenOwners owners;

	private final TransactionTemplate transactions;

	private final OutboxWriter outbox;

	private final Clock clock;

	OwnerEventsListener(EventParser parser, TokenOwners owners, OutboxWriter outbox, TransactionTemplate transactions,
			Clock clock) {
		this.parser = parser;
		this.owners = owners;
		this.outbox = outbox;
		this.transactions = transactions;
		this.clock = clock;
	}

	@KafkaListener(topics = Topics.AUTH_EVENTS)
	void on(String value, @Header(KafkaHeaders.RECEIVED_TOPIC) String topic) {
		CloudEvent event = this.parser.parse(topic, value);
		String userId = event.subject();
		if (userId == null || !relevant(event)) {
			return;
		}
		this.transactions.executeWithoutResult((tx) -> {
			if (this.owners.alreadyProcessed(event.id(), this.clock.instant())) {
				return;
			}
			apply(event, userId);
		});
	}

	private static boolean relevant(CloudEvent event) {
		return EventTypes.USER_CREATED.equals(event.type())
				|| (EventTypes.ACCOUNT_LOCKED.equals(event.type())
						&& Boolean.TRUE.equals(event.data().get("permanent")))
				|| EventTypes.ACCOUNT_UNLOCKED.equals(event.type());
	}

	@SuppressWarnings("unchecked")
	private void apply(CloudEvent event, String userId) {
		switch (event.type()) {
			case EventTypes.USER_CREATED -> {
				Object roles = event.data().get("roles");
				this.owners.upsert(userId, event.dataString("email"), event.dataString("displayName"),
						roles instanceof List<?> list ? (List<String>) list : List.of(), this.clock.instant());
			}
			case EventTypes.ACCOUNT_LOCKED -> suspend(userId, true);
			case EventTypes.ACCOUNT_UNLOCKED -> suspend(userId, false);
			default -> {
			}
		}
	}

	private void suspend(String userId, boolean suspended) {
		this.owners.setLocked(userId, suspended, this.clock.instant());
		this.outbox.append(Topics.TOKEN_EVENTS, CloudEvent.of(TokenService.SOURCE_PATH, EventTypes.TOKENS_SUSPENDED,
				userId, new HashMap<>(Map.of("userId", userId, "suspended", suspended))));
	}

}
