package dev.warden.gateway.authentication;

/**
 * The gateway could not verify a caller (store down, timeout, breaker open): the request
 * is refused.
 */
public class AuthenticationUnavailableException extends RuntimeException {

	AuthenticationUnavailableException(Throwable cause) {
		super("caller could not be verified", cause);
	}

}
