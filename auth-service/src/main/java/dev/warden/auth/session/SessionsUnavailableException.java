package dev.warden.auth.session;

import dev.warden.support.problem.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * session-service did not answer in time, failed, or its circuit breaker is open: 503,
 * nothing half-done.
 */
public class SessionsUnavailableException extends ProblemException {

	public SessionsUnavailableException() {
		super(HttpStatus.SERVICE_UNAVAILABLE, "sessions_unavailable", "Sign-in unavailable",
				"Sessions cannot be managed right now. Try again in a moment.");
	}

}
