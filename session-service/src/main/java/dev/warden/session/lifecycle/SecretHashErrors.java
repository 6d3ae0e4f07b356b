package dev.warden.session.lifecycle;

import dev.warden.support.problem.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * The problem of a cookie value's hash that already names a session: nothing is
 * overwritten.
 */
final class SecretHashErrors {

	private SecretHashErrors() {
	}

	static ProblemException inUse() {
		return new ProblemException(HttpStatus.CONFLICT, "session_exists", "Session exists",
				"A session is already stored under this secretHash; make a new cookie value.");
	}

}
