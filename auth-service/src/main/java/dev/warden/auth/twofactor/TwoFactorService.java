package dev.warden.auth.twofactor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import dev.warden.event.auth.TwoFactorEnabled;
import dev.warden.event.auth.TwoFactorDisabled;
import dev.warden.event.auth.TwoFactorReset;
import dev.warden.event.auth.SecondFactorFailed;
import dev.warden.event.auth.RecoveryCodesRegenerated;
import dev.warden.event.auth.RecoveryCodeUsed;
import dev.warden.event.auth.LoginFailed;
import dev.warden.support.problem.ProblemException;
import dev.warden.auth.login.AttemptLimiter;
import dev.warden.auth.login.LoginErrors;
import dev.warden.auth.login.PasswordCheck;
import dev.warden.auth.password.policy.PasswordPolicyService;
import dev.warden.auth.session.ClientInfo;
import dev.warden.auth.session.SessionClient;
import dev.warden.auth.session.SessionClient.IssuedSession;
import dev.warden.auth.session.SessionsUnavailableException;
import dev.warden.auth.events.AuthEvents;
import dev.warden.auth.passkey.Passkeys;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserStore;
import dev.warden.event.EventTypes;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.codec.binary.Base32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.jspecify.annotations.Nullable;

/**
 * TOTP two-factor authentication: set-up (pending until the first code confirms it),
 * recovery codes, checking a code at sign-in or re-authentication, and turning it off.
 * Wrong codes spend the account's budget of one-time codes
 * ({@link CodeAttemptProperties}), reserved before each check; a code's time step is
 * accepted once (replay refused).
 */
@Service
public class TwoFactorService {

	private static final Logger log = LoggerFactory.getLogger(TwoFactorService.class);

	private static final int SECRET_BYTES = 20;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final TwoFactorStore store;

	private final SecretCipher cipher;

	private final TwoFactorProperties properties;

	private final CodeAttempts attempts;

	private final PasswordCheck passwords;

	private final AuthEvents events;

	private final TransactionTemplate transactions;

	private final PasswordPolicyService policies;

	private final SessionClient sessions;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Passkeys passkeys;

	private final UserStore users;

	TwoFactorService(TwoFactorStore store, SecretCipher cipher, TwoFactorProperties properties, CodeAttempts attempts,
			PasswordCheck passwords, AuthEvents events, TransactionTemplate transactions,
			PasswordPolicyService policies, SessionClient sessions, Clock clock, MeterRegistry meters,
			Passkeys passkeys, UserStore users) {
		this.users = users;
		this.passkeys = passkeys;
		this.meters = meters;
		this.policies = policies;
		this.sessions = sessions;
		this.store = store;
		this.cipher = cipher;
		this.properties = properties;
		this.attempts = attempts;
		this.passwords = passwords;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	public Status status(UUID userId) {
		return this.store.find(userId)
			.filter(TwoFactorStore.Enrolment::active)
			.map((enrolment) -> new Status(true, enrolment.enabledAt(), this.store.unusedRecoveryCodes(userId)))
			.orElse(new Status(false, null, 0));
	}

	/**
	 * A fresh secret, pending until confirmed; replaces a pending one, never an active
	 * one.
	 */
	public Setup setup(User user) {
		byte[] secret = new byte[SECRET_BYTES];
		RANDOM.nextBytes(secret);
		String encrypted = this.cipher.encrypt(secret, user.id().toString());
		if (!this.store.savePending(user.id(), encrypted, this.clock.instant())) {
			throw TwoFactorErrors.alreadyEnabled();
		}
		String base32 = new Base32().encodeToString(secret).replace("=", "");
		String issuer = this.properties.issuer();
		String label = encode(issuer) + ":" + encode(user.email());
		String uri = "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + encode(issuer)
				+ "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
		return new Setup(base32, uri, QrCodes.pngDataUri(uri));
	}

	/**
	 * Turns two-factor on with the first code from the app and renews the caller's
	 * session, which clears its "set up two-factor first" flag; returns the recovery
	 * codes, shown this once, and the renewed session.
	 */
	public Confirmed confirm(User user, String sessionId, String code, ClientInfo client) {
		TwoFactorStore.Enrolment enrolment = this.store.find(user.id())
			.filter((found) -> !found.active())
			.orElseThrow(TwoFactorErrors::notPending);
		try (AttemptLimiter.Reservation attempt = reserve(user)) {
			if (!acceptTotp(user, enrolment, code)) {
				throw failed(user, client, attempt);
			}
		}
		List<String> codes = RecoveryCodes.generate();
		this.transactions.executeWithoutResult((tx) -> {
			this.store.activate(user.id(), this.clock.instant());
			this.store.replaceRecoveryCodes(user.id(), codes.stream().map(RecoveryCodes::hash).toList(),
					this.clock.instant());
			this.events.publish(user.id().toString(), new TwoFactorEnabled(user.email(), user.displayName(),
					user.locale(), client.ip(), client.userAgent()));
		});
		return new Confirmed(codes, renewWithoutSetUpFlag(user, sessionId));
	}

	/**
	 * A new cookie for the session that just turned two-factor on, no longer held to the
	 * set-up.
	 */
	private @Nullable IssuedSession renewWithoutSetUpFlag(User user, String sessionId) {
		try {
			return this.sessions.renew(user.id().toString(), sessionId, null, false, null, false);
		}
		catch (SessionsUnavailableException ex) {
			// Two-factor is on all the same; the session keeps its flag until it ends,
			// the next sign-in has none.
			log.warn("Two-factor of user {} turned on, but session {} could not be renewed", user.id(), sessionId);
			return null;
		}
	}

	/**
	 * Checks a second factor for a user with two-factor on: a current TOTP code, or an
	 * unused recovery code (spent by this call). Wrong codes spend the account's budget;
	 * a right one does not restore it (only a completed sign-in does,
	 * {@link #signInCompleted(User)}).
	 * @throws dev.warden.support.problem.ProblemException 400 {@code code_invalid}, or
	 * 429 {@code second_factor_throttled} while codes are refused
	 */
	public Factor verify(User user, String code, ClientInfo client) {
		TwoFactorStore.Enrolment enrolment = this.store.find(user.id())
			.filter(TwoFactorStore.Enrolment::active)
			.orElseThrow(TwoFactorErrors::notEnabled);
		try (AttemptLimiter.Reservation attempt = reserve(user)) {
			if (acceptTotp(user, enrolment, code)) {
				return Factor.TOTP;
			}
			if (RecoveryCodes.looksLikeOne(code) && useRecoveryCode(user, code, client)) {
				return Factor.RECOVERY_CODE;
			}
			throw failed(user, client, attempt);
		}
	}

	/**
	 * A sign-in completed with the second factor: the budget of wrong codes starts again.
	 */
	public void signInCompleted(User user) {
		this.attempts.reset(user.id());
	}

	private boolean useRecoveryCode(User user, String code, ClientInfo client) {
		return Boolean.TRUE.equals(this.transactions.execute((tx) -> {
			if (!this.store.useRecoveryCode(user.id(), RecoveryCodes.hash(code), this.clock.instant())) {
				return false;
			}
			int remaining = this.store.unusedRecoveryCodes(user.id());
			this.events.publish(user.id().toString(),
					new RecoveryCodeUsed(user.email(), user.displayName(), user.locale(), client.ip(),
							client.userAgent(), remaining, remaining < this.properties.fewRecoveryCodes()));
			return true;
		}));
	}

	/**
	 * Turns two-factor off: the password and a code, both; never while the policy
	 * requires it of the user and no passkey stands in for it.
	 */
	public void disable(User user, String password, String code, ClientInfo client) {
		if (this.policies.current().requiresTwoFactor(user.roles()) && this.passkeys.count(user.id()) == 0) {
			throw TwoFactorErrors.required();
		}
		if (!this.passwords.verify(user, password, client, EventTypes.LOGIN_FAILED)) {
			throw LoginErrors.currentPasswordInvalid("password");
		}
		verify(user, code, client);
		this.transactions.executeWithoutResult((tx) -> {
			// Judged again with the user's row locked: a passkey removed meanwhile must
			// not
			// leave a user the policy requires two-factor of with none.
			this.users.findByIdForUpdate(user.id());
			if (this.policies.current().requiresTwoFactor(user.roles()) && this.passkeys.count(user.id()) == 0) {
				throw TwoFactorErrors.required();
			}
			this.store.remove(user.id(), this.clock.instant());
			this.events.publish(user.id().toString(), new TwoFactorDisabled(user.email(), user.displayName(),
					user.locale(), client.ip(), client.userAgent()));
		});
	}

	/**
	 * An administrator removes the user's two-factor authentication (the authenticator
	 * app, the recovery codes and every passkey), for a user who lost them; the user may
	 * set it up again, and must at the next sign-in where the policy requires it.
	 * @throws dev.warden.support.problem.ProblemException 409
	 * {@code two_factor_not_enabled}
	 */
	public void resetByAdministrator(User user, User administrator) {
		if (this.store.find(user.id()).filter(TwoFactorStore.Enrolment::active).isEmpty()
				&& this.passkeys.count(user.id()) == 0) {
			throw new ProblemException(HttpStatus.CONFLICT, "two_factor_not_enabled", "Two-factor is off",
					"This user has no two-factor authentication to reset.");
		}
		this.transactions.executeWithoutResult((tx) -> {
			// The row lock a passkey registration takes too: one that was verified before
			// this reset cannot commit after it.
			this.users.findByIdForUpdate(user.id());
			this.store.remove(user.id(), this.clock.instant());
			this.passkeys.removeAll(user.id());
			this.events.publish(user.id().toString(), new TwoFactorReset(user.email(), user.displayName(),
					user.locale(), administrator.id().toString(), administrator.displayName()));
		});
		this.attempts.reset(user.id());
	}

	/** A fresh set of recovery codes; the old set stops working. */
	public List<String> regenerateRecoveryCodes(User user, @Nullable String code, ClientInfo client) {
		if (code != null) {
			verify(user, code, client);
		}
		else {
			// Still only for a user with two-factor on; the recent sign-in (every factor)
			// is the proof.
			this.store.find(user.id())
				.filter(TwoFactorStore.Enrolment::active)
				.orElseThrow(TwoFactorErrors::notEnabled);
		}
		List<String> codes = RecoveryCodes.generate();
		this.transactions.executeWithoutResult((tx) -> {
			this.store.replaceRecoveryCodes(user.id(), codes.stream().map(RecoveryCodes::hash).toList(),
					this.clock.instant());
			this.events.publish(user.id().toString(), new RecoveryCodesRegenerated(user.email(), user.displayName(),
					user.locale(), client.ip(), client.userAgent()));
		});
		return codes;
	}

	private boolean acceptTotp(User user, TwoFactorStore.Enrolment enrolment, String code) {
		byte[] secret = this.cipher.decrypt(enrolment.secretEncrypted(), user.id().toString());
		OptionalLong step = Totp.matchingStep(secret, code, this.clock.instant());
		java.util.Arrays.fill(secret, (byte) 0);
		return step.isPresent() && step.getAsLong() > enrolment.lastUsedStep()
				&& this.store.useStep(user.id(), step.getAsLong());
	}

	private AttemptLimiter.Reservation reserve(User user) {
		AttemptLimiter.Reservation attempt = this.attempts.reserve(user.id());
		if (attempt.refused()) {
			throw TwoFactorErrors.throttled(attempt.standing().retryAfterSeconds());
		}
		return attempt;
	}

	/**
	 * Counts a wrong code ({@code login.failed}, reason {@code wrong_code}); the one that
	 * spends the budget also publishes {@code login.second-factor-failed}, which tells
	 * the owner that someone knows the password.
	 */
	private ProblemException failed(User user, ClientInfo client, AttemptLimiter.Reservation attempt) {
		AttemptLimiter.Standing standing = attempt.failed();
		this.meters.counter("warden.login.failures", "reason", "wrong_code").increment();
		this.transactions.executeWithoutResult((tx) -> {
			this.events.publish(user.id().toString(), new LoginFailed(user.email(), user.displayName(), user.locale(),
					client.ip(), client.userAgent(), standing.failures(), "wrong_code"));
			Instant refusedUntil = standing.refusedUntil();
			if (this.attempts.spentTheBudget(standing) && refusedUntil != null) {
				this.events.publish(user.id().toString(), new SecondFactorFailed(user.email(), user.displayName(),
						user.locale(), client.ip(), client.userAgent(), standing.failures(), refusedUntil));
			}
		});
		return TwoFactorErrors.codeInvalid();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	public Instant now() {
		return this.clock.instant();
	}

	/** Which second factor was used. */
	public enum Factor {

		TOTP, RECOVERY_CODE

	}

	/** What the Security page shows. */
	public record Status(boolean enabled, @Nullable Instant enabledAt, int recoveryCodesRemaining) {
	}

	/**
	 * Two-factor turned on: the recovery codes, and the renewed session ({@code null} if
	 * it could not be).
	 */
	public record Confirmed(List<String> recoveryCodes, @Nullable IssuedSession renewed) {

		@Override
		public String toString() {
			return "Confirmed[<hidden>]";
		}
	}

	/** A pending set-up: the secret for manual entry, the URI, and its QR code. */
	public record Setup(String secret, String otpauthUri, String qrCode) {

		@Override
		public String toString() {
			return "Setup[<hidden>]";
		}
	}

}
