package dev.warden.auth.login;

import java.util.List;
import java.util.Map;

import dev.warden.support.problem.FieldProblem;
import dev.warden.support.problem.ProblemException;
import dev.warden.support.problem.Problems;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The problems of signing in. One 401 for every wrong credential, so no answer tells
 * whether an e-mail exists.
 */
public final class LoginErrors {

	private LoginErrors() {
	}

	public static ProblemException invalidCredentials() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		return new ProblemException(HttpStatus.UNAUTHORIZED, "invalid_credentials", "Sign-in failed",
				"The e-mail address or password is wrong.", List.of(), Map.of(), headers);
	}

	public static ProblemException mfaTokenInvalid() {
		return new ProblemException(HttpStatus.UNAUTHORIZED, "mfa_token_invalid", "Sign in again",
				"This sign-in step has expired, was already used, or had too many wrong codes. Sign in again.");
	}

	/** A passkey second step for a user who has none. */
	static ProblemException noPasskey() {
		return new ProblemException(HttpStatus.CONFLICT, "no_passkey", "No passkey",
				"This account has no passkey: use a code from the authenticator app.");
	}

	public static ProblemException throttled(long retryAfterSeconds) {
		return tooMany("login_throttled", "Too many attempts",
				"Too many failed sign-ins. Wait " + retryAfterSeconds + " s before trying again.", retryAfterSeconds);
	}

	public static ProblemException locked(long retryAfterSeconds) {
		return tooMany("account_locked", "Account locked",
				"Too many failed sign-ins: the account is locked. An administrator can unlock it.", retryAfterSeconds);
	}

	public static ProblemException currentPasswordInvalid(String field) {
		return Problems.validation(
				List.of(new FieldProblem(field, "current_password_invalid", "This is not your current password.")));
	}

	private static ProblemException tooMany(String code, String title, String detail, long retryAfterSeconds) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, code, title, detail, List.of(),
				Map.of("retryAfterSeconds", retryAfterSeconds), headers);
	}

}
