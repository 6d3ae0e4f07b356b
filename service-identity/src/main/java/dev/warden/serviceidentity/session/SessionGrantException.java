package dev.warden.serviceidentity.session;

/** A grant that does not prove its session; the message is safe to log (no grant or cookie material). */
public final class SessionGrantException extends Exception {

	public SessionGrantException(String message) {
		super(message, null, false, false);
	}
}
