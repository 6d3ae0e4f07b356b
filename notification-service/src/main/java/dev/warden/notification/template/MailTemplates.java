package dev.warden.notification.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.warden.event.EventTypes;

/** The catalogue: which events are worth an e-mail, and with which template. */
public final class MailTemplates {

	private static final Map<String, Object> CLIENT = Map.of("ip", "203.0.113.7", "userAgent",
			"Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0");

	public static final List<MailTemplate> ALL = List.of(
			template("password-changed", EventTypes.PASSWORD_CHANGED, with(CLIENT, "email", "ada@example.test")),
			new MailTemplate("new-device", EventTypes.SESSION_CREATED,
					(data) -> Boolean.TRUE.equals(data.get("newDevice")),
					with(CLIENT, "browser", "Firefox 121", "os", "Linux", "newDevice", true)),
			template("two-factor-enabled", EventTypes.TWO_FACTOR_ENABLED, CLIENT),
			template("two-factor-disabled", EventTypes.TWO_FACTOR_DISABLED, CLIENT),
			template("recovery-codes-regenerated", EventTypes.RECOVERY_CODES_REGENERATED, CLIENT),
			template("recovery-code-used", EventTypes.RECOVERY_CODE_USED,
					with(CLIENT, "remaining", 2, "fewRemaining", true)),
			template("account-locked", EventTypes.ACCOUNT_LOCKED, with(CLIENT, "failures", 5, "permanent", false)),
			template("second-factor-failed", EventTypes.SECOND_FACTOR_FAILED,
					with(CLIENT, "failures", 5, "refusedUntil", "2026-11-26T10:30:00Z")),
			template("token-created", EventTypes.TOKEN_CREATED,
					Map.of("name", "deploy script", "role", "USER", "hint", "x7Qa", "expiresAt",
							"2027-02-28T10:00:00Z")),
			template("token-expiring-soon", EventTypes.TOKEN_EXPIRING_SOON,
					Map.of("name", "deploy script", "hint", "x7Qa", "daysLeft", 7, "expiresAt",
							"2027-02-28T10:00:00Z")),
			template("token-expired", EventTypes.TOKEN_EXPIRED,
					Map.of("name", "deploy script", "hint", "x7Qa", "expiresAt", "2027-02-28T10:00:00Z")),
			template("password-expiring-soon", EventTypes.PASSWORD_EXPIRING_SOON,
					Map.of("daysLeft", 7, "expiresAt", "2027-02-28T10:00:00Z")),
			template("password-expired", EventTypes.PASSWORD_EXPIRED, Map.of("expiresAt", "2027-02-28T10:00:00Z")));

	private MailTemplates() {
	}

	/** The template for this event, if the user is to be told about it. */
	public static Optional<MailTemplate> forEvent(String type, Map<String, Object> data) {
		return ALL.stream().filter((t) -> t.eventType().equals(type) && t.applies().test(data)).findFirst();
	}

	public static Optional<MailTemplate> named(String name) {
		return ALL.stream().filter((t) -> t.name().equals(name)).findFirst();
	}

	private static MailTemplate template(String name, String type, Map<String, Object> sample) {
		return new MailTemplate(name, type, (data) -> true, sample);
	}

	private static Map<String, Object> with(Map<String, Object> base, Object... more) {
		java.util.Map<String, Object> map = new java.util.LinkedHashMap<>(base);
		for (int i = 0; i < more.length; i += 2) {
			map.put((String) more[i], more[i + 1]);
		}
		return Map.copyOf(map);
	}

}
