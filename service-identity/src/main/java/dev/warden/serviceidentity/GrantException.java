package dev.warden.serviceidentity;

/**
 * A grant that does not prove what it claims; the message is safe to log (no grant,
 * cookie or token material).
 */
public final class GrantException extends Exception {

	public GrantException(String message) {
		super(message, null, false, false);
	}

}
