package dev.warden.audit.log;

import java.util.Map;

import dev.warden.event.EventTypes;
import org.jspecify.annotations.Nullable;

/**
 * "Password changed from 203.0.113.7": one readable sentence per entry, from its type and
 * data.
 */
final class Summaries {

	private Summaries() {
	}

	static String of(String type, Map<String, Object> data) {
		String what = switch (type) {
			case EventTypes.USER_CREATED -> "Account created";
			case EventTypes.USER_UPDATED -> data.containsKey("locale")
					? "E-mail language set to " + text(data.get("locale"), "?") : "E-mail language set to English";
			case EventTypes.LOGIN_SUCCEEDED -> "Signed in";
			case EventTypes.LOGIN_FAILED -> "Failed sign-in attempt";
			case EventTypes.ACCOUNT_LOCKED -> Boolean.TRUE.equals(data.get("permanent"))
					? "Account locked until an administrator unlocks it" : "Account locked for a while";
			case EventTypes.SECOND_FACTOR_FAILED -> "Second step failed too often after a correct password";
			case EventTypes.ACCOUNT_UNLOCKED -> "Account unlocked by an administrator";
			case EventTypes.LOGOUT -> "Signed out";
			case EventTypes.PASSWORD_CHANGED -> "Password changed";
			case EventTypes.PASSWORD_CHANGE_FAILED -> "Password change refused: wrong current password";
			case EventTypes.PASSWORD_EXPIRED -> "Password expired";
			case EventTypes.PASSWORD_EXPIRING_SOON -> "Password expires soon";
			case EventTypes.PASSWORD_POLICY_CHANGED -> "Password policy changed";
			case EventTypes.TWO_FACTOR_ENABLED -> "Two-factor authentication turned on";
			case EventTypes.TWO_FACTOR_DISABLED -> "Two-factor authentication turned off";
			case EventTypes.RECOVERY_CODES_REGENERATED -> "New recovery codes created";
			case EventTypes.RECOVERY_CODE_USED -> "Recovery code used";
			case EventTypes.SESSION_CREATED -> "New session";
			case EventTypes.SESSION_REVOKED -> "Session ended (" + text(data.get("reason"), "ended") + ")";
			case EventTypes.SESSION_RENEWED -> "Session renewed";
			case EventTypes.TOKEN_CREATED -> "API token \"" + text(data.get("name"), "?") + "\" created";
			case EventTypes.TOKEN_REVOKED -> "API token \"" + text(data.get("name"), "?") + "\" revoked";
			case EventTypes.TOKENS_SUSPENDED -> Boolean.TRUE.equals(data.get("suspended"))
					? "API tokens suspended while the account is locked" : "API tokens work again";
			case EventTypes.TOKEN_EXPIRING_SOON -> "API token \"" + text(data.get("name"), "?") + "\" expires soon";
			case EventTypes.TOKEN_EXPIRED -> "API token \"" + text(data.get("name"), "?") + "\" expired";
			case EventTypes.AUDIT_RETENTION_APPLIED ->
				"Entries past the retention period removed (" + text(data.get("removed"), "?") + ")";
			default -> type;
		};
		StringBuilder from = new StringBuilder();
		Object browser = data.get("browser");
		Object os = data.get("os");
		if (browser != null) {
			from.append(browser).append(os == null ? "" : " on " + os);
		}
		Object ip = data.get("ip");
		if (ip != null) {
			from.append(from.isEmpty() ? "" : ", ").append(ip);
		}
		return from.isEmpty() ? what : what + " from " + from;
	}

	private static String text(@Nullable Object value, String otherwise) {
		return value == null ? otherwise : value.toString();
	}

}
