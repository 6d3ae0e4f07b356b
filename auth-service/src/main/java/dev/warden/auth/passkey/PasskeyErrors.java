package dev.warden.auth.passkey;

import dev.warden.support.problem.ProblemException;

import org.springframework.http.HttpStatus;

/** The problems of passkey ceremonies: one code each, never why a signature failed. */
public final class PasskeyErrors {

	private PasskeyErrors() {
	}

	/** Not a WebAuthn credential at all. */
	static ProblemException malformed() {
		return new ProblemException(HttpStatus.BAD_REQUEST, "passkey_malformed", "Not a passkey response",
				"The passkey response could not be read. Try again.");
	}

	/** Unknown, expired or already answered challenge (a replay, too). */
	static ProblemException challengeInvalid() {
		return new ProblemException(HttpStatus.UNAUTHORIZED, "passkey_challenge_invalid", "Passkey request expired",
				"This passkey request has expired or was used already. Start again.");
	}

	/** No passkey with this credential id (never made, or removed). */
	static ProblemException unknown() {
		return new ProblemException(HttpStatus.UNAUTHORIZED, "passkey_unknown", "Passkey not recognised",
				"This passkey is not registered with your account, or was removed.");
	}

	/** A signature, origin, relying party or counter that does not verify. */
	static ProblemException invalid() {
		return new ProblemException(HttpStatus.UNAUTHORIZED, "passkey_invalid", "Passkey not accepted",
				"The passkey's answer could not be verified.");
	}

	static ProblemException userVerificationRequired() {
		return new ProblemException(HttpStatus.UNAUTHORIZED, "passkey_user_verification_required",
				"Unlock your passkey", "Signing in with a passkey alone needs its PIN, fingerprint or face.");
	}

	static ProblemException exists() {
		return new ProblemException(HttpStatus.CONFLICT, "passkey_exists", "Passkey already added",
				"This passkey is registered already.");
	}

	static ProblemException tooMany(int max) {
		return new ProblemException(HttpStatus.CONFLICT, "passkey_limit_reached", "Too many passkeys",
				"An account holds at most " + max + " passkeys. Remove one first.");
	}

	static ProblemException lastSecondFactor() {
		return new ProblemException(HttpStatus.CONFLICT, "two_factor_required", "Two-factor is required",
				"Your account must keep a second factor: set up the authenticator app before removing this passkey.");
	}

	static ProblemException notFound() {
		return new ProblemException(HttpStatus.NOT_FOUND, "passkey_not_found", "No such passkey",
				"You have no passkey with this id.");
	}

}
