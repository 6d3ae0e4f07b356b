package dev.warden.auth.password.policy;

/**
 * A password to check and what it must not contain. The password is already
 * NFKC-normalised.
 *
 * @param password the proposed password
 * @param email the user's e-mail address
 * @param displayName the user's name
 * @param twoFactorEnabled whether the shorter minimum applies
 */
public record PasswordCandidate(String password, String email, String displayName, boolean twoFactorEnabled) {

	@Override
	public String toString() {
		return "PasswordCandidate[password=<hidden>, twoFactorEnabled=" + this.twoFactorEnabled + "]";
	}
}
