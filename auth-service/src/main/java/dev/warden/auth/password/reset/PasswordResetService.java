package dev.warden.auth.password.reset;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.warden.auth.events.AuthEvents;
import dev.warden.auth.passkey.PasskeyPurpose;
import dev.warden.auth.passkey.Passkeys;
import tools.jackson.databind.JsonNode;
import dev.warden.auth.login.PasswordCheck;
import dev.warden.auth.password.PasswordHasher;
import dev.warden.auth.password.change.PasswordChangeService;
import dev.warden.auth.password.change.PasswordHistory;
import dev.warden.auth.session.ClientInfo;
import dev.warden.auth.twofactor.TwoFactorService;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserStatus;
import dev.warden.auth.user.UserStore;
import dev.warden.event.auth.PasswordReset;
import dev.warden.event.auth.PasswordResetRequested;
import dev.warden.support.crypto.KeyedCipher;
import dev.warden.support.problem.FieldProblem;
import dev.warden.support.problem.ProblemException;
import dev.warden.support.problem.Problems;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Forgot password?". A request is answered at once and the same way whether or not the
 * address has an account: the look-up, the code and its mail happen afterwards on a
 * thread of their own, so neither the answer nor its timing tells. An account gets at
 * most {@code mailsPerHour} codes an hour; each replaces the one before. The code travels
 * to notification-service sealed inside {@code password.reset-requested}.
 * <p>
 * Confirming checks the code under the account's sign-in protection (a wrong code counts
 * like a wrong password), then the new password against the whole policy, then the second
 * factor of a user who has one, and only then spends the code, in the transaction that
 * sets the password and publishes {@code password.reset}; session-service then ends every
 * session of the user.
 */
@Service
public class PasswordResetService {

	private static final Logger log = LoggerFactory.getLogger(PasswordResetService.class);

	/**
	 * Requests for addresses without an account, and capped ones: the address as a
	 * fingerprint.
	 */
	private static final Logger security = LoggerFactory.getLogger("warden.security");

	private final UserStore users;

	private final PasswordResetStore resets;

	private final PasswordResetProperties properties;

	private final KeyedCipher mailSeal;

	private final PasswordCheck check;

	private final PasswordChangeService changes;

	private final PasswordHistory history;

	private final PasswordHasher hasher;

	private final TwoFactorService twoFactor;

	private final AuthEvents events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final ThreadPoolExecutor requests = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
			new ArrayBlockingQueue<>(1000), (task) -> {
				Thread thread = new Thread(task, "password-reset-requests");
				thread.setDaemon(true);
				return thread;
			});

	private final Passkeys passkeys;

	PasswordResetService(UserStore users, PasswordResetStore resets, PasswordResetProperties properties,
			PasswordCheck check, PasswordChangeService changes, PasswordHistory history, PasswordHasher hasher,
			TwoFactorService twoFactor, AuthEvents events, TransactionTemplate transactions, Clock clock,
			Passkeys passkeys) {
		this.passkeys = passkeys;
		this.users = users;
		this.resets = resets;
		this.properties = properties;
		this.mailSeal = new KeyedCipher(properties.mailKeys(), "WARDEN_PASSWORDRESET_MAILKEYS");
		this.check = check;
		this.changes = changes;
		this.history = history;
		this.hasher = hasher;
		this.twoFactor = twoFactor;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
		if (!this.mailSeal.configured()) {
			log.warn("WARDEN_PASSWORDRESET_MAILKEYS is not set: no password reset mail can be sent");
		}
	}

	/**
	 * Takes a request; the work happens afterwards.
	 * @throws dev.warden.support.problem.ProblemException 503 when too many are waiting
	 */
	public void request(String email, ClientInfo client) {
		try {
			this.requests.execute(() -> start(email, client));
		}
		catch (RejectedExecutionException ex) {
			throw ResetErrors.busy();
		}
	}

	private void start(String email, ClientInfo client) {
		try {
			User user = this.users.findByEmail(email)
				.filter((found) -> found.status() == UserStatus.ACTIVE)
				.orElse(null);
			if (user == null) {
				security.info("Password reset asked for address {} without an active account from {}",
						PasswordCheck.fingerprint(email), client.ip());
				return;
			}
			if (!this.mailSeal.configured()) {
				log.warn("Password reset of user {} asked for, but WARDEN_PASSWORDRESET_MAILKEYS is not set",
						user.id());
				return;
			}
			ResetCode code = ResetCode.generate();
			Instant now = this.clock.instant();
			String userId = user.id().toString();
			Boolean started = this.transactions.execute((tx) -> {
				if (!this.resets.start(user.id(), code, now, this.properties.lifetime(),
						this.properties.mailsPerHour())) {
					return false;
				}
				this.events.publish(userId,
						new PasswordResetRequested(user.email(), user.displayName(), user.locale(), client.ip(),
								client.userAgent(),
								this.mailSeal.seal(code.text().getBytes(StandardCharsets.UTF_8),
										PasswordResetRequested.SEAL_PREFIX + userId),
								now.plus(this.properties.lifetime())));
				return true;
			});
			if (!Boolean.TRUE.equals(started)) {
				security.warn("Password reset of user {} asked for from {}: {} mails this hour already; none sent",
						user.id(), client.ip(), this.properties.mailsPerHour());
			}
		}
		catch (RuntimeException ex) {
			log.error("A password reset request could not be handled", ex);
		}
	}

	/**
	 * Sets the new password with a code from the reset mail.
	 * @throws dev.warden.support.problem.ProblemException 400 {@code reset_code_invalid},
	 * {@code second_factor_required}, policy problems or {@code code_invalid} (the second
	 * factor); 429 while the account's attempts are refused
	 */
	public void confirm(PasswordResetConfirmation confirmation, ClientInfo client) {
		ResetCode code = ResetCode.parse(confirmation.code()).orElseThrow(ResetErrors::codeInvalid);
		PasswordResetStore.Reset reset = this.resets.find(code.id()).orElseThrow(() -> {
			security.warn("Password reset code with an unknown id from {}", client.ip());
			return ResetErrors.codeInvalid();
		});
		User user = this.users.findById(reset.userId()).orElseThrow(ResetErrors::codeInvalid);
		this.check.verifyProof(user, client, "reset_code_invalid", () -> {
			if (!code.secretMatches(reset.secretHash()) || !reset.usable(this.clock.instant())
					|| user.status() != UserStatus.ACTIVE) {
				return false;
			}
			apply(user, code, confirmation, client);
			return true;
		}, ResetErrors::codeInvalid);
	}

	private void apply(User user, ResetCode code, PasswordResetConfirmation confirmation, ClientInfo client) {
		// The rules that need no old password first, so a weak password does not spend
		// the
		// one-time code; the history (is it the current or an earlier password?) only
		// after
		// the second factor, and a hit counts like a wrong code: with the mailbox alone
		// the
		// form is no oracle for old passwords.
		List<FieldProblem> problems = this.changes.newPasswordProblems(user, confirmation.newPassword(),
				confirmation.confirmPassword(), false, false);
		if (!problems.isEmpty()) {
			throw Problems.validation(problems);
		}
		JsonNode passkey = confirmation.passkey();
		if (passkey != null && !passkey.isNull() && this.passkeys.count(user.id()) > 0) {
			// A passkey of this user, for options anyone may ask for: its signature over
			// the challenge is what counts. Another user's counts like a wrong code.
			try {
				this.passkeys.verifyAssertion(passkey.toString(), PasskeyPurpose.SIGN_IN, null, user.id(), false,
						client);
			}
			catch (ProblemException ex) {
				if ("passkey_invalid".equals(ex.code()) || "passkey_unknown".equals(ex.code())) {
					this.check.countFailure(user, client, "reset_second_factor_invalid");
				}
				throw ResetErrors.secondFactorInvalid();
			}
		}
		else if (this.passkeys.hasSecondFactor(user)) {
			String secondFactor = confirmation.secondFactor();
			if (!user.twoFactorEnabled()) {
				throw ResetErrors.passkeyRequired();
			}
			if (secondFactor == null || secondFactor.isBlank()) {
				throw ResetErrors.secondFactorRequired();
			}
			try {
				this.twoFactor.verify(user, secondFactor.strip(), client);
			}
			catch (ProblemException ex) {
				// Named for this form's field: "code" here is the reset code.
				if (ex.status() == HttpStatus.BAD_REQUEST) {
					throw ResetErrors.secondFactorInvalid();
				}
				throw ex;
			}
		}
		List<FieldProblem> reused = this.changes.historyProblems(user, confirmation.newPassword());
		if (!reused.isEmpty()) {
			this.check.countFailure(user, client, "reset_password_reused");
			throw Problems.validation(reused);
		}
		String hash = this.hasher.hash(PasswordHasher.normalize(confirmation.newPassword()));
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((tx) -> {
			// Spent here, with the change: of two confirmations at once, one applies.
			if (!this.resets.spend(code.id(), code.secretHash(), now)) {
				throw ResetErrors.codeInvalid();
			}
			User locked = this.users.findByIdForUpdate(user.id())
				.filter((found) -> found.status() == UserStatus.ACTIVE) // not disabled
																		// meanwhile
				.orElseThrow(ResetErrors::codeInvalid);
			this.history.add(user.id(), locked.passwordHash(), now);
			this.users.changePassword(user.id(), hash, now);
			this.events.publish(user.id().toString(), new PasswordReset(user.email(), user.displayName(), user.locale(),
					client.ip(), client.userAgent(), now,
					this.passkeys.list(user.id()).stream().map(dev.warden.auth.passkey.Passkey::name).toList()));
		});
		log.info("Password of user {} reset with a code from its mail", user.id());
	}

	@PreDestroy
	void stop() throws InterruptedException {
		this.requests.shutdown();
		this.requests.awaitTermination(5, TimeUnit.SECONDS);
	}

}
