package dev.warden.serviceidentity;

/**
 * A presented service token that does not prove a caller; the message is safe to log (no
 * token material).
 */
public final class ServiceTokenException extends Exception {

	public ServiceTokenException(String message) {
		super(message, null, false, false);
	}

}
