package dev.warden.session.lifecycle;

/** Why a session ended, as {@code session.revoked} reports it. */
public enum RevocationReason {

	LOGOUT("logout"), USER("user"), OTHERS_ENDED("others-ended"), PASSWORD_CHANGED("password-changed"), ADMIN("admin"),
	ACCOUNT_LOCKED("account-locked"), PASSWORD_RESET("password-reset"), ACCOUNT_DISABLED("account-disabled"),
	ROLES_CHANGED("roles-changed");

	private final String value;

	RevocationReason(String value) {
		this.value = value;
	}

	public String value() {
		return this.value;
	}

}
