package dev.warden.auth.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import dev.warden.event.auth.PasswordChangeFailed;
import dev.warden.event.auth.LoginFailed;
import dev.warden.event.auth.AccountLocked;
import dev.warden.auth.password.PasswordHasher;
import dev.warden.auth.session.ClientInfo;
import dev.warden.auth.events.AuthEvents;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserStatus;
import dev.warden.auth.user.UserStore;
import dev.warden.event.EventTypes;
import dev.warden.support.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a password under brute-force protection: refused while the address is throttled
 * or locked, counted when wrong (with {@code login.failed}, and {@code account.locked}
 * when the count locks the account), and the count reset when right. Used by sign-in,
 * re-authentication and password change alike, so a stolen session cannot guess the
 * password faster than a stranger can.
 */
@Component
public class PasswordCheck {

	/**
	 * Attempts the security log cannot hold (it is per user): failures for addresses
	 * without an account and attempts refused while throttled. The address appears only
	 * as a fingerprint.
	 */
	private static final Logger security = LoggerFactory.getLogger("warden.security");

	private final UserStore users;

	private final PasswordHasher hasher;

	private final LoginAttempts attempts;

	private final LockoutProperties lockout;

	private final AuthEvents events;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	private final Clock clock;

	PasswordCheck(UserStore users, PasswordHasher hasher, LoginAttempts attempts, LockoutProperties lockout,
			AuthEvents events, TransactionTemplate transactions, MeterRegistry meters, Clock clock) {
		this.users = users;
		this.hasher = hasher;
		this.attempts = attempts;
		this.lockout = lockout;
		this.events = events;
		this.transactions = transactions;
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * The user with this e-mail if the password is theirs; empty otherwise (the failure
	 * is counted). The attempt is reserved before the hash, so however many arrive at
	 * once, no more are judged than the limit allows. A locked account answers like a
	 * wrong password: the answer never tells a locked account from an unknown address.
	 * @throws dev.warden.support.problem.ProblemException 429 while attempts for this
	 * address are refused
	 */
	public Optional<User> verify(String email, String password, ClientInfo client, String failureType) {
		return verify(email, password, client, failureType, false);
	}

	/**
	 * As {@link #verify(String, String, ClientInfo, String)} for a sign-in, where a
	 * temporary password that was not replaced in time no longer works (OWASP ASVS 5.0
	 * 6.4.1). It is refused with the wrong password's answer, so nobody learns that it
	 * was right, but it is not counted as a guess: whoever typed it knew it. The refusal
	 * is recorded ({@code login.failed}, reason {@code temporary_password_expired}) for
	 * the administrator to see and set a new one. Once signed in, the session may still
	 * replace it: that proof came in time.
	 */
	public Optional<User> verifySignIn(String email, String password, ClientInfo client) {
		return verify(email, password, client, EventTypes.LOGIN_FAILED, true);
	}

	private Optional<User> verify(String email, String password, ClientInfo client, String failureType,
			boolean signingIn) {
		try (AttemptLimiter.Reservation attempt = this.attempts.reserve(email)) {
			if (attempt.refused()) {
				security.warn("Password attempt refused for address {} from {}: {} failures, retry in {} s",
						fingerprint(email), client.ip(), attempt.standing().failures(),
						attempt.standing().retryAfterSeconds());
				throw refusal(attempt.standing());
			}
			Optional<User> found = this.users.findByEmail(email);
			if (found.isEmpty()) {
				this.hasher.matchNothing(password);
				AttemptLimiter.Standing standing = attempt.failed();
				security.warn("Password attempt for address {} without an account from {} ({} failures)",
						fingerprint(email), client.ip(), standing.failures());
				count("unknown_user");
				return Optional.empty();
			}
			User user = found.get();
			if (user.status() == UserStatus.LOCKED) {
				this.hasher.matchNothing(password);
				failed(user, client, failureType, "account_locked", attempt.failed());
				return Optional.empty();
			}
			if (!this.hasher.matches(password, user.passwordHash()) || user.status() != UserStatus.ACTIVE) {
				failed(user, client, failureType, "wrong_password", attempt.failed());
				return Optional.empty();
			}
			if (signingIn && user.temporaryPasswordExpired(this.clock.instant())) {
				attempt.release();
				temporaryPasswordExpired(user, client, attempt.standing());
				return Optional.empty();
			}
			attempt.succeeded();
			return Optional.of(user);
		}
	}

	/**
	 * Checks another proof than the password of {@code user} (a password reset code)
	 * under the same protection: refused while the account's attempts are, counted as a
	 * failure ({@code login.failed} with {@code reason}, and the lock it may bring) when
	 * {@code proof} answers false, and the count started again when it answers true. A
	 * problem {@code proof} throws (a weak new password) counts neither way.
	 * @throws ProblemException {@code wrong}'s when the proof is wrong, 429 while refused
	 */
	public void verifyProof(User user, ClientInfo client, String reason, BooleanSupplier proof,
			Supplier<ProblemException> wrong) {
		try (AttemptLimiter.Reservation attempt = this.attempts.reserve(user.email())) {
			if (attempt.refused()) {
				throw refusal(attempt.standing());
			}
			if (!proof.getAsBoolean()) {
				failed(user, client, EventTypes.LOGIN_FAILED, reason, attempt.failed());
				throw wrong.get();
			}
			attempt.succeeded();
		}
	}

	/**
	 * Counts a failure for {@code user} ({@code login.failed} with {@code reason}, and
	 * the lock it may bring) outside a check of its own: a proof that was right, but
	 * showed something an attacker must not learn for free.
	 */
	public void countFailure(User user, ClientInfo client, String reason) {
		try (AttemptLimiter.Reservation attempt = this.attempts.reserve(user.email())) {
			failed(user, client, EventTypes.LOGIN_FAILED, reason, attempt.failed());
		}
	}

	/** Verifies the password of a signed-in user (re-authentication, password change). */
	public boolean verify(User user, String password, ClientInfo client, String failureType) {
		return verify(user.email(), password, client, failureType).isPresent();
	}

	private ProblemException refusal(AttemptLimiter.Standing standing) {
		if (standing.permanentlyLocked()) {
			count("locked");
			return LoginErrors.locked(this.lockout.forgetAfter().toSeconds());
		}
		count("throttled");
		return LoginErrors.throttled(standing.retryAfterSeconds());
	}

	/**
	 * Records a counted failure of a known user: {@code failureType} is published, and
	 * {@code account.locked} when this failure locked the account.
	 */
	private void failed(User user, ClientInfo client, String failureType, String reason,
			AttemptLimiter.Standing standing) {
		count(reason);
		this.transactions.executeWithoutResult((tx) -> {
			this.events.publish(user.id().toString(),
					EventTypes.PASSWORD_CHANGE_FAILED.equals(failureType)
							? new PasswordChangeFailed(user.email(), user.displayName(), user.locale(), client.ip(),
									client.userAgent(), standing.failures(), reason)
							: new LoginFailed(user.email(), user.displayName(), user.locale(), client.ip(),
									client.userAgent(), standing.failures(), reason));
			boolean permanent = standing.permanentlyLocked() && this.users.lock(user.id(), this.clock.instant());
			boolean lockedNow = permanent
					|| (standing.failures() == this.lockout.lockAfter() && standing.refusedUntil() != null);
			if (lockedNow) {
				this.events.publish(user.id().toString(),
						new AccountLocked(user.email(), user.displayName(), user.locale(), client.ip(),
								client.userAgent(), standing.failures(), permanent,
								permanent ? null : standing.refusedUntil()));
				this.meters.counter("warden.login.lockouts", "permanent", Boolean.toString(permanent)).increment();
			}
		});
	}

	/**
	 * Records a right but expired temporary password; the failure count stays as it was.
	 */
	private void temporaryPasswordExpired(User user, ClientInfo client, AttemptLimiter.Standing standing) {
		count("temporary_password_expired");
		security.warn("Sign-in of user {} from {} refused: the temporary password expired at {} unused", user.id(),
				client.ip(), user.temporaryPasswordExpiresAt());
		this.transactions.executeWithoutResult((tx) -> {
			this.events.publish(user.id().toString(), new LoginFailed(user.email(), user.displayName(), user.locale(),
					client.ip(), client.userAgent(), standing.failures(), "temporary_password_expired"));
		});
	}

	/**
	 * The first 64 bits of the address's SHA-256: enough to correlate log lines, not to
	 * read the address.
	 */
	public static String fingerprint(String email) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void count(String outcome) {
		this.meters.counter("warden.login.failures", "reason", outcome).increment();
	}

}
