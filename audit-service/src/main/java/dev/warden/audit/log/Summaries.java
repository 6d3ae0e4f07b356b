package dev.warden.audit.log;

import java.util.Map;

import dev.warden.event.AboutToken;
import dev.warden.event.EventPayload;
import dev.warden.event.EventTypes;
import dev.warden.event.CommonFields;
import dev.warden.event.audit.RetentionApplied;
import dev.warden.event.auth.AccountLocked;
import dev.warden.event.auth.LoginFailed;
import dev.warden.event.auth.LoginSucceeded;
import dev.warden.event.auth.PasskeyCloneSuspected;
import dev.warden.event.auth.PasskeyRegistered;
import dev.warden.event.auth.PasskeyRemoved;
import dev.warden.event.auth.PasswordChangeFailed;
import dev.warden.event.auth.UserUpdated;
import dev.warden.event.session.SessionRevoked;
import dev.warden.event.token.TokenCreated;
import dev.warden.event.token.TokenExpired;
import dev.warden.event.token.TokenExpiringSoon;
import dev.warden.event.token.TokenRevoked;
import dev.warden.event.token.TokensSuspended;
import org.jspecify.annotations.Nullable;

/**
 * "Password changed from 203.0.113.7": one readable sentence per entry, from its type and
 * data.
 */
final class Summaries {

	private Summaries() {
	}

	static String of(String type, Map<String, Object> data) {
		EventPayload payload = StoredPayloads.read(type, data);
		String what = what(type, payload);
		CommonFields fields = CommonFields.of(data);
		StringBuilder from = new StringBuilder();
		if (fields.browser() != null) {
			from.append(fields.browser()).append((fields.os() != null) ? " on " + fields.os() : "");
		}
		if (fields.ip() != null) {
			from.append(from.isEmpty() ? "" : ", ").append(fields.ip());
		}
		return from.isEmpty() ? what : what + " from " + from;
	}

	private static String what(String type, @Nullable EventPayload payload) {
		if (payload instanceof UserUpdated updated) {
			return (updated.locale() != null) ? "E-mail language set to " + updated.locale()
					: "E-mail language set to English";
		}
		if (payload instanceof AccountLocked locked) {
			return locked.permanent() ? "Account locked until an administrator unlocks it"
					: "Account locked for a while";
		}
		if (payload instanceof LoginFailed failed && "wrong_code".equals(failed.reason())) {
			// A one-time code refused: at the second step of a sign-in, confirming it is
			// you, turning two-factor on or off. Not a password tried.
			return "Wrong authentication code";
		}
		if (payload instanceof LoginFailed failed && "reset_code_invalid".equals(failed.reason())) {
			return "Wrong password reset code";
		}
		if (payload instanceof PasswordChangeFailed failed) {
			return "account_locked".equals(failed.reason()) ? "Password change refused: the account is locked"
					: "Password change refused: wrong current password";
		}
		if (payload instanceof LoginSucceeded succeeded && succeeded.userVerified() != null) {
			return succeeded.authMethods().contains("pwd") ? "Signed in with the password and a passkey"
					: "Signed in with a passkey";
		}
		if (payload instanceof PasskeyRegistered registered) {
			return "Passkey \"" + registered.name() + "\" added";
		}
		if (payload instanceof PasskeyRemoved removed) {
			return "Passkey \"" + removed.name() + "\" removed";
		}
		if (payload instanceof PasskeyCloneSuspected suspected) {
			return "Passkey \"" + suspected.name() + "\" refused: its counter went back, so it may have been copied";
		}
		if (payload instanceof TokenRevoked revoked && "reported_exposed".equals(revoked.reason())) {
			return "API token \"" + revoked.name() + "\" revoked: it was reported found exposed";
		}
		if (payload instanceof SessionRevoked revoked) {
			return "Session ended (" + revoked.reason() + ")";
		}
		if (payload instanceof TokensSuspended suspended) {
			return suspended.suspended() ? "API tokens suspended while the account is locked" : "API tokens work again";
		}
		if (payload instanceof RetentionApplied retention) {
			return "Entries past the retention period removed (" + retention.removed() + ")";
		}
		String token = (payload instanceof AboutToken) ? tokenName(payload) : "?";
		return switch (type) {
			case EventTypes.USER_CREATED -> "Account created";
			case EventTypes.USER_UPDATED -> "Account settings changed";
			case EventTypes.LOGIN_SUCCEEDED -> "Signed in";
			case EventTypes.LOGIN_FAILED -> "Failed sign-in attempt";
			case EventTypes.ACCOUNT_LOCKED -> "Account locked";
			case EventTypes.SECOND_FACTOR_FAILED -> "Second step failed too often after a correct password";
			case EventTypes.ACCOUNT_UNLOCKED -> "Account unlocked by an administrator";
			case EventTypes.LOGOUT -> "Signed out";
			case EventTypes.PASSWORD_CHANGED -> "Password changed";
			case EventTypes.PASSWORD_CHANGE_FAILED -> "Password change refused";
			case EventTypes.PASSWORD_RESET_REQUESTED -> "Password reset code requested";
			case EventTypes.PASSWORD_RESET -> "Password reset with the mailed code";
			case EventTypes.PASSWORD_BREACHED ->
				"Password found among breached passwords at sign-in: a new one required";
			case EventTypes.ACCOUNT_DISABLED -> "Account disabled by an administrator";
			case EventTypes.ROLES_CHANGED -> "Roles changed by an administrator";
			case EventTypes.ACCOUNT_ENABLED -> "Account enabled again by an administrator";
			case EventTypes.PASSWORD_CHANGE_REQUIRED -> "New password required by an administrator";
			case EventTypes.TWO_FACTOR_RESET -> "Two-factor authentication removed by an administrator";
			case EventTypes.PASSWORD_EXPIRED -> "Password expired";
			case EventTypes.PASSWORD_EXPIRING_SOON -> "Password expires soon";
			case EventTypes.PASSWORD_POLICY_CHANGED -> "Password policy changed";
			case EventTypes.TWO_FACTOR_ENABLED -> "Two-factor authentication turned on";
			case EventTypes.TWO_FACTOR_DISABLED -> "Two-factor authentication turned off";
			case EventTypes.RECOVERY_CODES_REGENERATED -> "New recovery codes created";
			case EventTypes.RECOVERY_CODE_USED -> "Recovery code used";
			case EventTypes.PASSKEY_REGISTERED -> "Passkey added";
			case EventTypes.PASSKEY_REMOVED -> "Passkey removed";
			case EventTypes.PASSKEY_CLONE_SUSPECTED -> "Passkey refused: it may have been copied";
			case EventTypes.SESSION_CREATED -> "New session";
			case EventTypes.SESSION_REVOKED -> "Session ended";
			case EventTypes.SESSION_RENEWED -> "Session renewed";
			case EventTypes.TOKEN_CREATED -> "API token \"" + token + "\" created";
			case EventTypes.TOKEN_REVOKED -> "API token \"" + token + "\" revoked";
			case EventTypes.TOKENS_SUSPENDED -> "API tokens suspended or resumed";
			case EventTypes.TOKEN_EXPIRING_SOON -> "API token \"" + token + "\" expires soon";
			case EventTypes.TOKEN_EXPIRED -> "API token \"" + token + "\" expired";
			case EventTypes.AUDIT_RETENTION_APPLIED -> "Entries past the retention period removed";
			default -> type;
		};
	}

	private static String tokenName(EventPayload payload) {
		if (payload instanceof TokenCreated created) {
			return created.name();
		}
		if (payload instanceof TokenRevoked revoked) {
			return revoked.name();
		}
		if (payload instanceof TokenExpiringSoon expiring) {
			return expiring.name();
		}
		return (payload instanceof TokenExpired expired) ? expired.name() : "?";
	}

}
