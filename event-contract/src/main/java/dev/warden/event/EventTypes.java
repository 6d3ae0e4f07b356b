package dev.warden.event;

import java.util.Set;

/**
 * The catalogue of security event types (docs/architecture.md, "Events"), all prefixed
 * {@code warden.}. Consumers ignore types they do not know, so adding one here never
 * breaks a consumer.
 */
public final class EventTypes {

	public static final String USER_CREATED = "warden.user.created";

	/**
	 * A user's own settings changed ({@code changed} names which, e.g. {@code locale}).
	 */
	public static final String USER_UPDATED = "warden.user.updated";

	public static final String LOGIN_SUCCEEDED = "warden.login.succeeded";

	public static final String LOGIN_FAILED = "warden.login.failed";

	public static final String ACCOUNT_LOCKED = "warden.account.locked";

	public static final String ACCOUNT_UNLOCKED = "warden.account.unlocked";

	/**
	 * Someone who knew the password spent the account's budget of wrong one-time codes:
	 * further codes are refused for a while, and the owner is told to change the
	 * password.
	 */
	public static final String SECOND_FACTOR_FAILED = "warden.login.second-factor-failed";

	public static final String LOGOUT = "warden.logout";

	/**
	 * An administrator disabled the account: no sign-in, its sessions and tokens stop.
	 */
	public static final String ACCOUNT_DISABLED = "warden.account.disabled";

	/** An administrator enabled a disabled account again. */
	public static final String ACCOUNT_ENABLED = "warden.account.enabled";

	/** An administrator requires a new password at the user's next sign-in. */
	public static final String PASSWORD_CHANGE_REQUIRED = "warden.password.change-required";

	/** An administrator changed the user's roles. */
	public static final String ROLES_CHANGED = "warden.user.roles-changed";

	/** An administrator removed the user's two-factor authentication. */
	public static final String TWO_FACTOR_RESET = "warden.two-factor.reset";

	public static final String PASSWORD_CHANGED = "warden.password.changed";

	public static final String PASSWORD_CHANGE_FAILED = "warden.password.change-failed";

	/**
	 * Someone asked for a password reset of an existing account: the mail with its code
	 * goes out.
	 */
	public static final String PASSWORD_RESET_REQUESTED = "warden.password.reset-requested";

	/** A forgotten password was replaced with a reset code from the mail. */
	public static final String PASSWORD_RESET = "warden.password.reset";

	/**
	 * At a sign-in, the password in use was found among breached passwords: it must
	 * change now.
	 */
	public static final String PASSWORD_BREACHED = "warden.password.breached";

	public static final String PASSWORD_EXPIRED = "warden.password.expired";

	public static final String PASSWORD_EXPIRING_SOON = "warden.password.expiring-soon";

	public static final String PASSWORD_POLICY_CHANGED = "warden.password-policy.changed";

	public static final String TWO_FACTOR_ENABLED = "warden.two-factor.enabled";

	public static final String TWO_FACTOR_DISABLED = "warden.two-factor.disabled";

	public static final String RECOVERY_CODES_REGENERATED = "warden.two-factor.recovery-codes.regenerated";

	public static final String RECOVERY_CODE_USED = "warden.two-factor.recovery-code.used";

	public static final String PASSKEY_REGISTERED = "warden.passkey.registered";

	public static final String PASSKEY_REMOVED = "warden.passkey.removed";

	/**
	 * A passkey answered with a signature counter not above the last one seen: a copy of
	 * it may be in use. The assertion was refused.
	 */
	public static final String PASSKEY_CLONE_SUSPECTED = "warden.passkey.clone-suspected";

	public static final String SESSION_CREATED = "warden.session.created";

	public static final String SESSION_REVOKED = "warden.session.revoked";

	/**
	 * The session got a new secret (re-authentication, password change): the old cookie
	 * no longer works.
	 */
	public static final String SESSION_RENEWED = "warden.session.renewed";

	public static final String TOKEN_CREATED = "warden.token.created";

	public static final String TOKEN_REVOKED = "warden.token.revoked";

	/**
	 * Every token of a user stopped working because the owner was locked (or started
	 * again, {@code suspended} false): gateways forget the user's cached tokens at once.
	 */
	public static final String TOKENS_SUSPENDED = "warden.token.owner-suspended";

	public static final String TOKEN_EXPIRING_SOON = "warden.token.expiring-soon";

	public static final String TOKEN_EXPIRED = "warden.token.expired";

	/**
	 * audit-service removed entries past the retention period (recorded in the log
	 * itself).
	 */
	public static final String AUDIT_RETENTION_APPLIED = "warden.audit.retention-applied";

	public static final Set<String> ALL = Set.of(USER_CREATED, USER_UPDATED, LOGIN_SUCCEEDED, LOGIN_FAILED,
			ACCOUNT_LOCKED, ACCOUNT_UNLOCKED, SECOND_FACTOR_FAILED, LOGOUT, PASSWORD_CHANGED, PASSWORD_CHANGE_FAILED,
			PASSWORD_RESET_REQUESTED, PASSWORD_RESET, PASSWORD_BREACHED, ACCOUNT_DISABLED, ACCOUNT_ENABLED,
			PASSWORD_CHANGE_REQUIRED, TWO_FACTOR_RESET, ROLES_CHANGED, PASSWORD_EXPIRED, PASSWORD_EXPIRING_SOON,
			PASSWORD_POLICY_CHANGED, TWO_FACTOR_ENABLED, TWO_FACTOR_DISABLED, RECOVERY_CODES_REGENERATED,
			RECOVERY_CODE_USED, PASSKEY_REGISTERED, PASSKEY_REMOVED, PASSKEY_CLONE_SUSPECTED, SESSION_CREATED,
			SESSION_REVOKED, SESSION_RENEWED, TOKEN_CREATED, TOKEN_REVOKED, TOKENS_SUSPENDED, TOKEN_EXPIRING_SOON,
			TOKEN_EXPIRED, AUDIT_RETENTION_APPLIED);

	private EventTypes() {
	}

	public static boolean isKnown(String type) {
		return type != null && ALL.contains(type);
	}

}
