package dev.warden.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.warden.event.audit.RetentionApplied;
import dev.warden.event.auth.AccountDisabled;
import dev.warden.event.auth.AccountEnabled;
import dev.warden.event.auth.AccountLocked;
import dev.warden.event.auth.PasswordChangeRequired;
import dev.warden.event.auth.RolesChanged;
import dev.warden.event.auth.TwoFactorReset;
import dev.warden.event.auth.AccountUnlocked;
import dev.warden.event.auth.LoggedOut;
import dev.warden.event.auth.PasswordBreached;
import dev.warden.event.auth.PasswordReset;
import dev.warden.event.auth.PasswordResetRequested;
import dev.warden.event.auth.LoginFailed;
import dev.warden.event.auth.LoginSucceeded;
import dev.warden.event.auth.PasswordChangeFailed;
import dev.warden.event.auth.PasswordChanged;
import dev.warden.event.auth.PasswordExpired;
import dev.warden.event.auth.PasswordExpiringSoon;
import dev.warden.event.auth.PasswordPolicyChanged;
import dev.warden.event.auth.PasswordPolicySettings;
import dev.warden.event.auth.RecoveryCodeUsed;
import dev.warden.event.auth.RecoveryCodesRegenerated;
import dev.warden.event.auth.SecondFactorFailed;
import dev.warden.event.auth.TwoFactorDisabled;
import dev.warden.event.auth.TwoFactorEnabled;
import dev.warden.event.auth.PasskeyCloneSuspected;
import dev.warden.event.auth.PasskeyRegistered;
import dev.warden.event.auth.PasskeyRemoved;
import dev.warden.event.auth.UserCreated;
import dev.warden.event.auth.UserUpdated;
import dev.warden.event.session.SessionCreated;
import dev.warden.event.session.SessionRenewed;
import dev.warden.event.session.SessionRevoked;
import dev.warden.event.token.TokenCreated;
import dev.warden.event.token.TokenExpired;
import dev.warden.event.token.TokenExpiringSoon;
import dev.warden.event.token.TokenRevoked;
import dev.warden.event.token.TokensSuspended;

/**
 * Every event type with its payload record and an example of it: the catalogue the JSON
 * Schemas, the AsyncAPI document and the mail previews are made from.
 */
public final class EventCatalogue {

	/**
	 * One event type.
	 *
	 * @param type the CloudEvents {@code type}
	 * @param payload the record its {@code data} holds
	 * @param example a realistic instance, for documents and previews
	 */
	public record Entry(String type, Class<? extends EventPayload> payload, EventPayload example) {

		/**
		 * The topic it is published on; empty for an entry kept in the security log only.
		 */
		public Optional<String> topic() {
			return EventSources.topicOf(this.type);
		}

	}

	private static final String USER = "0b6f3e52-4c1d-4f1e-9a57-3f0d1c2b7a10";

	private static final String ADMIN = "5d2c8a71-9e3b-4b6a-8f21-7c4e0a9d1b36";

	private static final String EMAIL = "ada@example.com";

	private static final String NAME = "Ada Lovelace";

	private static final String IP = "203.0.113.7";

	private static final String AGENT = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15";

	private static final String SESSION = "Jx9rW2mQ4tZ8vB1nC6dE0f";

	private static final String TOKEN = "7a3e9c14-2b8d-4f60-a1c5-e8d2f4b6a093";

	private static final String PASSKEY = "0f6b2d8e-93c4-4a71-b5e2-6d1a9c3f7e40";

	private static final Instant AT = Instant.parse("2026-03-14T09:26:53Z");

	private static final PasswordPolicySettings POLICY = new PasswordPolicySettings(12, 8, 128, true, 2, true, 5, 0, 0,
			0, 0, 0, 0, List.of("ADMIN"));

	private static final List<Entry> ENTRIES = List.of(
			entry(EventTypes.USER_CREATED, new UserCreated(USER, EMAIL, NAME, List.of("USER"), ADMIN, "en-GB")),
			entry(EventTypes.USER_UPDATED, new UserUpdated(EMAIL, NAME, "de", List.of("locale"))),
			entry(EventTypes.LOGIN_SUCCEEDED,
					new LoginSucceeded(EMAIL, NAME, null, IP, AGENT, SESSION, List.of("pwd", "otp"), true, false, false,
							null)),
			entry(EventTypes.LOGIN_FAILED, new LoginFailed(EMAIL, NAME, null, IP, AGENT, 2, "wrong_password")),
			entry(EventTypes.ACCOUNT_LOCKED,
					new AccountLocked(EMAIL, NAME, null, IP, AGENT, 5, false, AT.plusSeconds(900))),
			entry(EventTypes.ACCOUNT_UNLOCKED, new AccountUnlocked(EMAIL, NAME, null, ADMIN)),
			entry(EventTypes.SECOND_FACTOR_FAILED,
					new SecondFactorFailed(EMAIL, NAME, null, IP, AGENT, 10, AT.plusSeconds(900))),
			entry(EventTypes.LOGOUT, new LoggedOut(EMAIL, NAME, null, IP, AGENT, SESSION)),
			entry(EventTypes.PASSWORD_CHANGED, new PasswordChanged(EMAIL, NAME, null, IP, AGENT, SESSION, true, AT)),
			entry(EventTypes.PASSWORD_CHANGE_FAILED,
					new PasswordChangeFailed(EMAIL, NAME, null, IP, AGENT, 1, "wrong_password")),
			entry(EventTypes.PASSWORD_RESET_REQUESTED,
					new PasswordResetRequested(EMAIL, NAME, null, IP, AGENT,
							"k1.bXkgc2VhbGVkIHJlc2V0IGNvZGUgZXhhbXBsZSBvbmx5IQ==", AT.plusSeconds(900))),
			entry(EventTypes.PASSWORD_RESET,
					new PasswordReset(EMAIL, NAME, null, IP, AGENT, AT, List.of("YubiKey on my keyring"))),
			entry(EventTypes.PASSWORD_BREACHED, new PasswordBreached(EMAIL, NAME, null, IP, AGENT)),
			entry(EventTypes.ACCOUNT_DISABLED, new AccountDisabled(EMAIL, NAME, null, ADMIN, "Grace Hopper")),
			entry(EventTypes.ACCOUNT_ENABLED, new AccountEnabled(EMAIL, NAME, null, ADMIN, "Grace Hopper")),
			entry(EventTypes.PASSWORD_CHANGE_REQUIRED,
					new PasswordChangeRequired(EMAIL, NAME, null, ADMIN, "Grace Hopper")),
			entry(EventTypes.ROLES_CHANGED,
					new RolesChanged(EMAIL, NAME, null, List.of("USER", "ADMIN"), ADMIN, "Grace Hopper")),
			entry(EventTypes.TWO_FACTOR_RESET, new TwoFactorReset(EMAIL, NAME, null, ADMIN, "Grace Hopper")),
			entry(EventTypes.PASSWORD_EXPIRED, new PasswordExpired(EMAIL, NAME, null, AT)),
			entry(EventTypes.PASSWORD_EXPIRING_SOON, new PasswordExpiringSoon(EMAIL, NAME, null, AT, 7)),
			entry(EventTypes.PASSWORD_POLICY_CHANGED,
					new PasswordPolicyChanged(ADMIN, POLICY,
							new PasswordPolicySettings(14, 8, 128, true, 3, true, 5, 0, 0, 0, 0, 365, 0,
									List.of("ADMIN")))),
			entry(EventTypes.TWO_FACTOR_ENABLED, new TwoFactorEnabled(EMAIL, NAME, null, IP, AGENT)),
			entry(EventTypes.TWO_FACTOR_DISABLED, new TwoFactorDisabled(EMAIL, NAME, null, IP, AGENT)),
			entry(EventTypes.RECOVERY_CODES_REGENERATED, new RecoveryCodesRegenerated(EMAIL, NAME, null, IP, AGENT)),
			entry(EventTypes.RECOVERY_CODE_USED, new RecoveryCodeUsed(EMAIL, NAME, null, IP, AGENT, 2, true)),
			entry(EventTypes.PASSKEY_REGISTERED,
					new PasskeyRegistered(EMAIL, NAME, null, IP, AGENT, PASSKEY, "YubiKey on my keyring")),
			entry(EventTypes.PASSKEY_REMOVED,
					new PasskeyRemoved(EMAIL, NAME, null, IP, AGENT, PASSKEY, "YubiKey on my keyring")),
			entry(EventTypes.PASSKEY_CLONE_SUSPECTED,
					new PasskeyCloneSuspected(EMAIL, NAME, null, IP, AGENT, PASSKEY, "YubiKey on my keyring", 41, 12)),
			entry(EventTypes.SESSION_CREATED,
					new SessionCreated(USER, SESSION, IP, AGENT, "Safari", "Mac OS X", "desktop", List.of("pwd"),
							true)),
			entry(EventTypes.SESSION_REVOKED,
					new SessionRevoked(USER, SESSION, IP, AGENT, "Safari", "Mac OS X", "desktop", "user")),
			entry(EventTypes.SESSION_RENEWED,
					new SessionRenewed(USER, SESSION, IP, AGENT, "Safari", "Mac OS X", "desktop", true)),
			entry(EventTypes.TOKEN_CREATED,
					new TokenCreated(TOKEN, "ci deploy", "USER", "x7Qa", AT.plusSeconds(90L * 86400), IP, AGENT)),
			entry(EventTypes.TOKEN_REVOKED,
					new TokenRevoked(TOKEN, "ci deploy", "USER", "x7Qa", AT.plusSeconds(90L * 86400), "user")),
			entry(EventTypes.TOKENS_SUSPENDED, new TokensSuspended(USER, true)),
			entry(EventTypes.TOKEN_EXPIRING_SOON,
					new TokenExpiringSoon(TOKEN, "ci deploy", "USER", "x7Qa", AT.plusSeconds(7L * 86400), 7)),
			entry(EventTypes.TOKEN_EXPIRED, new TokenExpired(TOKEN, "ci deploy", "USER", "x7Qa", AT)),
			entry(EventTypes.AUDIT_RETENTION_APPLIED, new RetentionApplied(1284, AT, 365)));

	private static final Map<String, Entry> BY_TYPE = ENTRIES.stream()
		.collect(Collectors.toUnmodifiableMap(Entry::type, Function.identity()));

	private static final Map<Class<? extends EventPayload>, Entry> BY_PAYLOAD = ENTRIES.stream()
		.collect(Collectors.toUnmodifiableMap(Entry::payload, Function.identity()));

	private EventCatalogue() {
	}

	private static Entry entry(String type, EventPayload example) {
		return new Entry(type, example.getClass(), example);
	}

	public static List<Entry> all() {
		return ENTRIES;
	}

	public static Optional<Entry> byType(String type) {
		return Optional.ofNullable(BY_TYPE.get(type));
	}

	/** The type whose data this payload is. */
	public static String typeOf(EventPayload payload) {
		Entry entry = BY_PAYLOAD.get(payload.getClass());
		if (entry == null) {
			throw new IllegalArgumentException(payload.getClass().getName() + " is not in the catalogue");
		}
		return entry.type();
	}

}
