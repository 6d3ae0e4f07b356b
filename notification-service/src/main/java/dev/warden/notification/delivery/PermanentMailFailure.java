package dev.warden.notification.delivery;

/**
 * A mail that will never go through as it is: not retried, dead-lettered with this
 * reason.
 */
class PermanentMailFailure extends RuntimeException {

	PermanentMailFailure(String message, Throwable cause) {
		super(message, cause);
	}

}
