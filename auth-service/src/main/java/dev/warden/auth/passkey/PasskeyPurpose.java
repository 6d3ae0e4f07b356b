package dev.warden.auth.passkey;

/** What a passkey ceremony's challenge was opened for. */
public enum PasskeyPurpose {

	/** Adding a passkey; the subject is the user. */
	REGISTRATION,
	/** Signing in with a passkey alone; no subject (any user's passkey). */
	SIGN_IN,
	/** The second step after a password; the subject is the mfaToken's hash. */
	SECOND_STEP,
	/** Confirming a sensitive action; the subject is the user. */
	REAUTHENTICATION

}
