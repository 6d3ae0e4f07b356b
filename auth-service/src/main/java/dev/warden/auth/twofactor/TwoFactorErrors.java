package dev.warden.auth.twofactor;

import java.util.List;
import java.util.Map;

import dev.warden.support.problem.FieldProblem;
import dev.warden.support.problem.ProblemException;
import dev.warden.support.problem.Problems;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The problems of two-factor authentication, each with its stable code. */
final class TwoFactorErrors {

	private TwoFactorErrors() {
	}

	static ProblemException codeInvalid() {
		return Problems.validation(List
			.of(new FieldProblem("code", "code_invalid", "This code is not valid (wrong, expired, or already used).")));
	}

	static ProblemException throttled(long retryAfterSeconds) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "second_factor_throttled", "Too many wrong codes",
				"Too many wrong codes for this account. Wait " + retryAfterSeconds + " s before trying again.",
				List.of(), Map.of("retryAfterSeconds", retryAfterSeconds), headers);
	}

	static ProblemException alreadyEnabled() {
		return new ProblemException(HttpStatus.CONFLICT, "two_factor_already_enabled", "Already enabled",
				"Two-factor authentication is already on. Disable it first to set up a new authenticator.");
	}

	static ProblemException notPending() {
		return new ProblemException(HttpStatus.CONFLICT, "two_factor_not_pending", "Nothing to confirm",
				"Start the set-up first, then confirm it with a code from your app.");
	}

	static ProblemException required() {
		return new ProblemException(HttpStatus.CONFLICT, "two_factor_required", "Two-factor required",
				"Your organisation requires two-factor authentication for your account, so it cannot be turned off.");
	}

	static ProblemException notEnabled() {
		return new ProblemException(HttpStatus.CONFLICT, "two_factor_not_enabled", "Not enabled",
				"Two-factor authentication is off.");
	}

}
