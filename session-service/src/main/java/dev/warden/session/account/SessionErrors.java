package dev.warden.session.account;

import dev.warden.support.problem.ProblemException;

import org.springframework.http.HttpStatus;

/** The problems the Active sessions API answers with. */
final class SessionErrors {

	private SessionErrors() {
	}

	/** Unknown, expired, or someone else's: indistinguishable on purpose. */
	static ProblemException notFound() {
		return new ProblemException(HttpStatus.NOT_FOUND, "session_not_found", "Session not found",
				"You have no active session with this id.");
	}

	static ProblemException sessionRequired() {
		return new ProblemException(HttpStatus.FORBIDDEN, "session_required", "Session required",
				"This needs a signed-in browser session, not an API token.");
	}

}
