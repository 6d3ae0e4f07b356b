package dev.warden.session.events;

import dev.warden.event.auth.PasswordChanged;
import dev.warden.event.auth.AccountLocked;
import dev.warden.event.CloudEvent;
import dev.warden.event.EventTypes;
import dev.warden.event.Topics;
import dev.warden.session.lifecycle.RevocationReason;
import dev.warden.session.lifecycle.SessionService;
import dev.warden.support.kafka.EventParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * After a password change, ends every other session of the user (unless the user chose to
 * stay signed in elsewhere), as OWASP's session management guidance asks; after a
 * permanent lock, a password reset or the account being disabled, every session of the
 * user (a temporary lock only stops sign-ins). Idempotent: only sessions opened before
 * the event are ended, so a redelivered event never ends a session opened since. An event
 * that auth-service did not send is dead-lettered unread (the shared parser's source
 * check).
 */
@Component
class PasswordChangedListener {

	private static final Logger log = LoggerFactory.getLogger(PasswordChangedListener.class);

	private final EventParser parser;

	private final SessionService sessions;

	PasswordChangedListener(EventParser parser, SessionService sessions) {
		this.parser = parser;
		this.sessions = sessions;
	}

	@KafkaListener(topics = Topics.AUTH_EVENTS)
	void on(String value, @Header(KafkaHeaders.RECEIVED_TOPIC) String topic) {
		CloudEvent event = this.parser.parse(topic, value);
		String userId = event.subject();
		if (userId == null) {
			return;
		}
		if (EventTypes.ACCOUNT_LOCKED.equals(event.type())) {
			if (this.parser.payload(event, AccountLocked.class).permanent()) {
				int ended = this.sessions.endOthers(userId, null, event.time(), RevocationReason.ACCOUNT_LOCKED);
				log.info("Account locked (event {}): ended {} session(s)", event.id(), ended);
			}
			return;
		}
		if (EventTypes.ACCOUNT_DISABLED.equals(event.type()) || EventTypes.ROLES_CHANGED.equals(event.type())) {
			RevocationReason reason = EventTypes.ROLES_CHANGED.equals(event.type()) ? RevocationReason.ROLES_CHANGED
					: RevocationReason.ACCOUNT_DISABLED;
			int ended = this.sessions.endOthers(userId, null, event.time(), reason);
			log.info("{} (event {}): ended {} session(s)", event.type(), event.id(), ended);
			return;
		}
		if (EventTypes.PASSWORD_RESET.equals(event.type())) {
			// Whoever knew the forgotten password may be signed in somewhere: every
			// session ends.
			int ended = this.sessions.endOthers(userId, null, event.time(), RevocationReason.PASSWORD_RESET);
			log.info("Password reset (event {}): ended {} session(s)", event.id(), ended);
			return;
		}
		if (!EventTypes.PASSWORD_CHANGED.equals(event.type())) {
			return;
		}
		PasswordChanged changed = this.parser.payload(event, PasswordChanged.class);
		if (!changed.signOutOtherSessions()) {
			return;
		}
		int ended = this.sessions.endOthers(userId, changed.sessionId(), event.time(),
				RevocationReason.PASSWORD_CHANGED);
		log.info("Password changed (event {}): ended {} other session(s)", event.id(), ended);
	}

}
