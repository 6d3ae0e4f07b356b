package dev.warden.notification.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.warden.event.EventPayload;
import dev.warden.event.EventTypes;
import dev.warden.event.session.SessionCreated;
import dev.warden.event.token.TokenRevoked;

/** The catalogue: which events are worth an e-mail, and with which template. */
public final class MailTemplates {

	public static final List<MailTemplate> ALL = List.of(template("password-changed", EventTypes.PASSWORD_CHANGED),
			new MailTemplate("new-device", EventTypes.SESSION_CREATED,
					(payload) -> payload instanceof SessionCreated created && created.newDevice()),
			template("two-factor-enabled", EventTypes.TWO_FACTOR_ENABLED),
			template("two-factor-disabled", EventTypes.TWO_FACTOR_DISABLED),
			template("recovery-codes-regenerated", EventTypes.RECOVERY_CODES_REGENERATED),
			template("recovery-code-used", EventTypes.RECOVERY_CODE_USED),
			template("passkey-registered", EventTypes.PASSKEY_REGISTERED),
			template("passkey-removed", EventTypes.PASSKEY_REMOVED),
			template("passkey-clone-suspected", EventTypes.PASSKEY_CLONE_SUSPECTED),
			template("account-locked", EventTypes.ACCOUNT_LOCKED),
			template("second-factor-failed", EventTypes.SECOND_FACTOR_FAILED),
			template("token-created", EventTypes.TOKEN_CREATED),
			new MailTemplate("token-exposed", EventTypes.TOKEN_REVOKED,
					(payload) -> payload instanceof TokenRevoked revoked
							&& "reported_exposed".equals(revoked.reason())),
			template("token-expiring-soon", EventTypes.TOKEN_EXPIRING_SOON),
			template("token-expired", EventTypes.TOKEN_EXPIRED),
			template("password-expiring-soon", EventTypes.PASSWORD_EXPIRING_SOON),
			template("password-expired", EventTypes.PASSWORD_EXPIRED),
			new MailTemplate("password-reset-requested", EventTypes.PASSWORD_RESET_REQUESTED, (payload) -> true,
					Map.of("code", "K7QF-M2XA-PL4R-6TZC-W3NB-HD6E", "link",
							"https://portal.example.com/#/reset-password?code=K7QF-M2XA-PL4R-6TZC-W3NB-HD6E")),
			template("password-reset", EventTypes.PASSWORD_RESET),
			template("password-breached", EventTypes.PASSWORD_BREACHED),
			template("account-disabled", EventTypes.ACCOUNT_DISABLED),
			template("account-enabled", EventTypes.ACCOUNT_ENABLED),
			template("password-change-required", EventTypes.PASSWORD_CHANGE_REQUIRED),
			template("two-factor-reset", EventTypes.TWO_FACTOR_RESET),
			template("roles-changed", EventTypes.ROLES_CHANGED));

	private MailTemplates() {
	}

	/** Whether any mail is sent for events of this type. */
	public static boolean mailsFor(String type) {
		return ALL.stream().anyMatch((t) -> t.eventType().equals(type));
	}

	/** The template for this event, if the user is to be told about it. */
	public static Optional<MailTemplate> forEvent(String type, EventPayload payload) {
		return ALL.stream().filter((t) -> t.eventType().equals(type) && t.applies().test(payload)).findFirst();
	}

	public static Optional<MailTemplate> named(String name) {
		return ALL.stream().filter((t) -> t.name().equals(name)).findFirst();
	}

	private static MailTemplate template(String name, String type) {
		return new MailTemplate(name, type, (payload) -> true);
	}

}
