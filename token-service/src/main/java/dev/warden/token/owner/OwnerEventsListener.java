package dev.warden.token.owner;

import java.time.Clock;

import dev.warden.event.auth.RolesChanged;
import dev.warden.event.auth.UserCreated;
import dev.warden.event.auth.AccountLocked;
import dev.warden.event.token.TokensSuspended;
import dev.warden.event.CloudEvent;
import dev.warden.event.EventTypes;
import dev.warden.event.Topics;
import dev.warden.support.kafka.EventParser;
import dev.warden.support.outbox.OutboxWriter;
import dev.warden.token.lifecycle.TokenService;

import org.jspecify.annotations.Nullable;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@code token_owner} in step with auth-service: a new user's roles and address, a
 * permanent lock and its lifting, an administrator disabling and enabling the account. A
 * change of either is announced as {@code token.owner-suspended} in the same transaction,
 * so every gateway forgets the owner's cached tokens at once. Idempotent by event id; a
 * malformed event, or one that auth-service did not send, goes to the dead-letter topic
 * (the shared error handler).
 */
@Component
class OwnerEventsListener {

	private final EventParser parser;

	private final TokenOwners owners;

	private final TokenService tokens;

	private final TransactionTemplate transactions;

	private final OutboxWriter outbox;

	private final Clock clock;

	OwnerEventsListener(EventParser parser, TokenOwners owners, TokenService tokens, OutboxWriter outbox,
			TransactionTemplate transactions, Clock clock) {
		this.tokens = tokens;
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
		Runnable change = (userId != null) ? changeFor(event, userId) : null;
		if (change == null) {
			return;
		}
		this.transactions.executeWithoutResult((tx) -> {
			if (!this.owners.alreadyProcessed(event.id(), this.clock.instant())) {
				change.run();
			}
		});
	}

	/** What the event changes about the owner, or {@code null} if nothing. */
	private @Nullable Runnable changeFor(CloudEvent event, String userId) {
		switch (event.type()) {
			case EventTypes.USER_CREATED -> {
				UserCreated created = this.parser.payload(event, UserCreated.class);
				return () -> this.owners.upsert(userId, created.email(), created.displayName(), created.roles(),
						this.clock.instant());
			}
			case EventTypes.ACCOUNT_LOCKED -> {
				// Only a lock that lasts until an administrator lifts it suspends tokens.
				return this.parser.payload(event, AccountLocked.class).permanent() ? () -> suspend(userId, true) : null;
			}
			case EventTypes.ACCOUNT_UNLOCKED -> {
				return () -> suspend(userId, false);
			}
			case EventTypes.ROLES_CHANGED -> {
				RolesChanged changed = this.parser.payload(event, RolesChanged.class);
				// A token of a role taken away is revoked, not suspended: a later
				// promotion
				// must not bring a stolen one back.
				return () -> {
					this.owners.upsert(userId, changed.email(), changed.displayName(), changed.roles(),
							this.clock.instant());
					this.tokens.revokeWithoutRoles(userId, changed.roles(), changed.actorId());
				};
			}
			case EventTypes.ACCOUNT_DISABLED -> {
				return () -> announce(userId, this.owners.setDisabled(userId, true, this.clock.instant()));
			}
			case EventTypes.ACCOUNT_ENABLED -> {
				// auth-service makes an enabled account active, without a lock either.
				return () -> announce(userId, this.owners.enable(userId, this.clock.instant()));
			}
			default -> {
				return null;
			}
		}
	}

	private void suspend(String userId, boolean locked) {
		announce(userId, this.owners.setLocked(userId, locked, this.clock.instant()));
	}

	/** Every gateway forgets the owner's cached tokens, or may cache them again. */
	private void announce(String userId, boolean suspended) {
		this.outbox.append(Topics.TOKEN_EVENTS,
				CloudEvent.of(TokenService.SOURCE_PATH, userId, new TokensSuspended(userId, suspended)));
	}

}
