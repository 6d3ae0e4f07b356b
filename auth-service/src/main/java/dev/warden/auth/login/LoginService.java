package dev.warden.auth.login;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.UUID;

import dev.warden.event.auth.LoginSucceeded;
import dev.warden.event.auth.LoggedOut;
import dev.warden.event.auth.PasswordBreached;
import dev.warden.auth.password.PasswordHasher;
import dev.warden.auth.password.expiry.PasswordExpiry;
import dev.warden.auth.password.policy.PasswordCandidate;
import dev.warden.auth.password.policy.PasswordPolicy;
import dev.warden.auth.password.policy.PasswordPolicyService;
import dev.warden.auth.password.policy.PasswordRules;
import dev.warden.auth.password.policy.PolicyViolation;
import dev.warden.auth.session.ClientInfo;
import dev.warden.auth.session.SessionClient;
import dev.warden.auth.session.SessionClient.IssuedSession;
import dev.warden.auth.session.SessionsUnavailableException;
import dev.warden.auth.events.AuthEvents;
import dev.warden.auth.passkey.Passkey;
import dev.warden.auth.passkey.PasskeyPurpose;
import dev.warden.auth.passkey.Passkeys;
import dev.warden.auth.twofactor.MfaChallenges;
import dev.warden.auth.twofactor.TwoFactorService;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserStatus;
import dev.warden.auth.user.UserStore;
import dev.warden.event.EventTypes;
import dev.warden.support.problem.FieldProblem;
import dev.warden.support.problem.ProblemException;
import dev.warden.support.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.jspecify.annotations.Nullable;

/**
 * Signing in and out. A sign-in either completes (session created, events committed) or
 * fails as a whole: if session-service cannot open the session, nothing is recorded as a
 * success; if recording fails after the session opened, the session is ended again.
 */
@Service
public class LoginService {

	private static final Logger log = LoggerFactory.getLogger(LoginService.class);

	static final List<String> PASSWORD = List.of("pwd");

	static final List<String> PASSWORD_AND_OTP = List.of("pwd", "otp");

	/** A second step by a code from the authenticator app, or a recovery code. */
	static final String METHOD_CODE = "code";

	/** A second step by a passkey. */
	static final String METHOD_PASSKEY = "passkey";

	private final PasswordCheck passwords;

	private final PasswordHasher hasher;

	private final PasswordPolicyService policies;

	private final PasswordRules rules;

	private final PasswordExpiry expiry;

	private final SessionClient sessions;

	private final UserStore users;

	private final AuthEvents events;

	private final TransactionTemplate transactions;

	private final TwoFactorService twoFactor;

	private final MfaChallenges challenges;

	private final Clock clock;

	private final Passkeys passkeys;

	LoginService(PasswordCheck passwords, PasswordHasher hasher, PasswordPolicyService policies, PasswordRules rules,
			PasswordExpiry expiry, SessionClient sessions, UserStore users, AuthEvents events,
			TransactionTemplate transactions, TwoFactorService twoFactor, MfaChallenges challenges, Clock clock,
			Passkeys passkeys) {
		this.passkeys = passkeys;
		this.twoFactor = twoFactor;
		this.challenges = challenges;
		this.passwords = passwords;
		this.hasher = hasher;
		this.policies = policies;
		this.rules = rules;
		this.expiry = expiry;
		this.sessions = sessions;
		this.users = users;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Signs in; a completed sign-in ends {@code replaced}, the session the browser still
	 * presented (a new session replaces it rather than leaving it alive beside it).
	 */
	SignedIn login(String email, String password, ClientInfo client, @Nullable ReplacedSession replaced) {
		String address = email.strip().toLowerCase(Locale.ROOT);
		User user = this.passwords.verifySignIn(address, password, client).orElseThrow(LoginErrors::invalidCredentials);
		Instant now = this.clock.instant();
		PasswordPolicy policy = this.policies.current();
		boolean expired = this.expiry.isExpired(user, policy, now);
		// The plaintext is known only now: the one moment a raised policy can be checked
		// against it.
		// Counted once: every password sign-in passes here.
		List<String> secondFactors = secondFactors(user);
		List<String> broken = this.rules
			.check(policy,
					new PasswordCandidate(PasswordHasher.normalize(password), user.email(), user.displayName(),
							!secondFactors.isEmpty()))
			.stream()
			.map(PolicyViolation::code)
			// A breach screening that could not answer is no fault of the password in
			// use.
			.filter((code) -> !PasswordRules.BREACHED_UNCHECKED.equals(code))
			.toList();
		boolean noncompliant = !broken.isEmpty();
		boolean breached = broken.contains(PasswordRules.BREACHED);
		boolean mustChange = user.passwordChangeRequired() || expired || noncompliant;
		Runnable passwordBookkeeping = () -> {
			if (this.hasher.needsRehash(user.passwordHash())) {
				this.users.rehash(user.id(), this.hasher.hash(password));
			}
			if (noncompliant && !user.passwordChangeRequired()) {
				this.users.requirePasswordChange(user.id(), now, breached ? "breached" : null);
				if (breached) {
					// Its own mail and log entry: the user learns why, not only that.
					this.events.publish(user.id().toString(), new PasswordBreached(user.email(), user.displayName(),
							user.locale(), client.ip(), client.userAgent()));
				}
			}
			if (expired) {
				this.expiry.recordExpired(user, policy, now);
			}
		};
		if (!secondFactors.isEmpty()) {
			this.transactions.executeWithoutResult((tx) -> passwordBookkeeping.run());
			return SignedIn.mfaRequired(user, this.challenges.open(user.id(), mustChange), secondFactors);
		}
		// Signed in with the password as before, so the user can still reach the set-up:
		// the session is held to it.
		boolean mustSetUpTwoFactor = policy.requiresTwoFactor(user.roles());
		return replacing(openSession(user, client, PASSWORD, mustChange, mustSetUpTwoFactor, passwordBookkeeping),
				replaced);
	}

	/** The second factors the user can complete a sign-in with. */
	private List<String> secondFactors(User user) {
		List<String> methods = new ArrayList<>();
		if (user.twoFactorEnabled()) {
			methods.add(METHOD_CODE);
		}
		if (this.passkeys.count(user.id()) > 0) {
			methods.add(METHOD_PASSKEY);
		}
		return methods;
	}

	/**
	 * The second step: a TOTP or recovery code for the challenge the password step
	 * opened.
	 */
	SignedIn completeMfa(String mfaToken, String code, ClientInfo client, @Nullable ReplacedSession replaced) {
		MfaChallenges.Challenge challenge = this.challenges.find(mfaToken).orElseThrow(LoginErrors::mfaTokenInvalid);
		User user = pendingUser(challenge);
		try {
			this.twoFactor.verify(user, code, client);
		}
		catch (ProblemException ex) {
			if (ex.status().is4xxClientError() && ex.status().value() == 400) {
				this.challenges.wrongCode(mfaToken);
			}
			throw ex;
		}
		SignedIn signedIn = completeSecondStep(mfaToken, challenge, user, client, PASSWORD_AND_OTP, null);
		this.twoFactor.signInCompleted(user);
		return replacing(signedIn, replaced);
	}

	/**
	 * The options for the second step with a passkey: the user's passkeys, for a
	 * challenge bound to this {@code mfaToken}.
	 */
	Map<String, Object> secondStepPasskeyOptions(String mfaToken) {
		MfaChallenges.Challenge challenge = this.challenges.find(mfaToken).orElseThrow(LoginErrors::mfaTokenInvalid);
		List<Passkey> held = this.passkeys.list(challenge.userId());
		if (held.isEmpty()) {
			throw LoginErrors.noPasskey();
		}
		return this.passkeys.requestOptions(PasskeyPurpose.SECOND_STEP, MfaChallenges.digest(mfaToken), held, false);
	}

	/** The second step with a passkey of the user whose password was right. */
	SignedIn completeMfaWithPasskey(String mfaToken, String credential, ClientInfo client,
			@Nullable ReplacedSession replaced) {
		MfaChallenges.Challenge challenge = this.challenges.find(mfaToken).orElseThrow(LoginErrors::mfaTokenInvalid);
		User user = pendingUser(challenge);
		Passkeys.Asserted asserted = this.passkeys.verifyAssertion(credential, PasskeyPurpose.SECOND_STEP,
				MfaChallenges.digest(mfaToken), user.id(), false, client);
		SignedIn signedIn = completeSecondStep(mfaToken, challenge, user, client,
				List.of("pwd", asserted.passkey().authMethod()), asserted.userVerified());
		this.twoFactor.signInCompleted(user);
		return replacing(signedIn, replaced);
	}

	private User pendingUser(MfaChallenges.Challenge challenge) {
		// Disabled or locked since the password step: the step is over.
		return this.users.findById(challenge.userId())
			.filter((found) -> found.status() == UserStatus.ACTIVE)
			.orElseThrow(LoginErrors::mfaTokenInvalid);
	}

	private SignedIn completeSecondStep(String mfaToken, MfaChallenges.Challenge challenge, User user,
			ClientInfo client, List<String> methods, @Nullable Boolean userVerified) {
		if (!this.challenges.close(mfaToken)) {
			throw LoginErrors.mfaTokenInvalid(); // the same token, used twice at once
		}
		return openSession(user, client, methods, challenge.passwordChangeRequired(), false, userVerified, () -> {
		});
	}

	/** Options for signing in with a passkey alone: any discoverable one, unlocked. */
	Map<String, Object> signInPasskeyOptions() {
		return this.passkeys.requestOptions(PasskeyPurpose.SIGN_IN, null, List.of(), true);
	}

	/**
	 * Signs in with a passkey alone: possession of the key and its user verification (PIN
	 * or biometrics) are the two factors, so no password is asked. A passkey's owner who
	 * is disabled or locked by an administrator is refused; the temporary lock that wrong
	 * passwords bring does not bar the key's holder.
	 */
	SignedIn signInWithPasskey(String credential, ClientInfo client, @Nullable ReplacedSession replaced) {
		Passkeys.Asserted asserted = this.passkeys.verifyAssertion(credential, PasskeyPurpose.SIGN_IN, null, null, true,
				client);
		User user = this.users.findById(asserted.passkey().userId())
			.filter((found) -> found.status() == UserStatus.ACTIVE)
			.orElseThrow(LoginErrors::invalidCredentials);
		Instant now = this.clock.instant();
		PasswordPolicy policy = this.policies.current();
		boolean expired = this.expiry.isExpired(user, policy, now);
		boolean mustChange = user.passwordChangeRequired() || expired;
		SignedIn signedIn = openSession(user, client, List.of(asserted.passkey().authMethod()), mustChange, false,
				asserted.userVerified(), () -> {
					if (expired) {
						this.expiry.recordExpired(user, policy, now);
					}
				});
		return replacing(signedIn, replaced);
	}

	private SignedIn replacing(SignedIn signedIn, @Nullable ReplacedSession replaced) {
		IssuedSession session = signedIn.session();
		if (replaced != null && session != null && !replaced.sessionId().equals(session.sessionId())) {
			endQuietly(replaced.userId(), replaced.sessionId());
		}
		return signedIn;
	}

	/**
	 * Opens the session, then records the sign-in; if recording fails, the session is
	 * ended again, so a sign-in is never half done.
	 */
	private SignedIn openSession(User user, ClientInfo client, List<String> methods, boolean mustChange,
			boolean mustSetUpTwoFactor, Runnable bookkeeping) {
		return openSession(user, client, methods, mustChange, mustSetUpTwoFactor, null, bookkeeping);
	}

	private SignedIn openSession(User user, ClientInfo client, List<String> methods, boolean mustChange,
			boolean mustSetUpTwoFactor, @Nullable Boolean userVerified, Runnable bookkeeping) {
		IssuedSession session = this.sessions.create(user.id().toString(), user.roles(), methods, client, mustChange,
				mustSetUpTwoFactor);
		try {
			this.transactions.executeWithoutResult((tx) -> {
				// Disabled, locked or given other roles while the password was hashed or
				// the
				// session made: this sign-in does not stand. The row stays locked until
				// the
				// sign-in is recorded, so such a change commits after it and its event
				// ends
				// this session too.
				User now = this.users.findByIdForUpdate(user.id()).orElseThrow(LoginErrors::invalidCredentials);
				if (now.status() != UserStatus.ACTIVE || !Set.copyOf(now.roles()).equals(Set.copyOf(user.roles()))) {
					throw LoginErrors.invalidCredentials();
				}
				bookkeeping.run();
				this.users.recordSignIn(user.id(), this.clock.instant());
				this.events.publish(user.id().toString(),
						new LoginSucceeded(user.email(), user.displayName(), user.locale(), client.ip(),
								client.userAgent(), session.sessionId(), methods, session.newDevice(), mustChange,
								mustSetUpTwoFactor, userVerified));
			});
		}
		catch (RuntimeException ex) {
			endQuietly(user.id(), session.sessionId());
			throw ex;
		}
		return new SignedIn(user, session, mustChange, mustSetUpTwoFactor, null, List.of());
	}

	/** Ends the caller's session and records the sign-out. */
	public void logout(UUID userId, String sessionId, ClientInfo client) {
		this.sessions.end(userId.toString(), sessionId, "logout");
		this.users.findById(userId).ifPresent((user) -> this.transactions.executeWithoutResult((tx) -> {
			this.events.publish(userId.toString(), new LoggedOut(user.email(), user.displayName(), user.locale(),
					client.ip(), client.userAgent(), sessionId));
		}));
	}

	/**
	 * Proves who the caller is again for sensitive actions: restarts the
	 * recent-authentication window and renews the session's secret. Every factor the user
	 * signs in with (ASVS 5.0 7.5.1): the password and a code once the authenticator app
	 * is on; or a passkey unlocked by its PIN or biometrics, which is both factors in
	 * one. A user whose second factor is a passkey alone confirms with it.
	 */
	public IssuedSession reauthenticate(UUID userId, String sessionId, @Nullable String password, @Nullable String code,
			@Nullable String passkey, ClientInfo client) {
		User user = this.users.findById(userId).orElseThrow(LoginErrors::invalidCredentials);
		if (passkey != null) {
			this.passkeys.verifyAssertion(passkey, PasskeyPurpose.REAUTHENTICATION,
					reauthenticationSubject(userId, sessionId), userId, true, client);
			return renew(userId, sessionId);
		}
		if (user.twoFactorEnabled()) {
			List<FieldProblem> missing = new ArrayList<>();
			if (password == null) {
				missing.add(new FieldProblem("password", "required", "Enter your password."));
			}
			if (code == null) {
				missing.add(new FieldProblem("code", "required", "Enter a code from your authenticator app."));
			}
			if (!missing.isEmpty()) {
				throw Problems.validation(missing);
			}
		}
		else if (this.passkeys.count(userId) > 0) {
			throw Problems.validation(List.of(new FieldProblem("passkey", "required", "Confirm with your passkey.")));
		}
		if (password != null && !this.passwords.verify(user, password, client, EventTypes.LOGIN_FAILED)) {
			throw LoginErrors.currentPasswordInvalid("password");
		}
		if (code != null) {
			this.twoFactor.verify(user, code, client);
		}
		return renew(userId, sessionId);
	}

	/**
	 * Options for confirming with a passkey: the caller's passkeys, unlocked by PIN or
	 * biometrics.
	 */
	Map<String, Object> reauthenticationPasskeyOptions(UUID userId, String sessionId) {
		List<Passkey> held = this.passkeys.list(userId);
		if (held.isEmpty()) {
			throw LoginErrors.noPasskey();
		}
		return this.passkeys.requestOptions(PasskeyPurpose.REAUTHENTICATION, reauthenticationSubject(userId, sessionId),
				held, true);
	}

	/** A confirmation's challenge belongs to the session that asked for it. */
	private static String reauthenticationSubject(UUID userId, String sessionId) {
		return userId + ":" + sessionId;
	}

	private IssuedSession renew(UUID userId, String sessionId) {
		IssuedSession renewed = this.sessions.renew(userId.toString(), sessionId, null, true, null, null);
		if (renewed == null) {
			throw LoginErrors.invalidCredentials();
		}
		return renewed;
	}

	private void endQuietly(UUID userId, String sessionId) {
		endQuietly(userId.toString(), sessionId);
	}

	private void endQuietly(String userId, String sessionId) {
		try {
			this.sessions.end(userId, sessionId, "logout");
		}
		catch (SessionsUnavailableException ex) {
			log.warn("Could not end session {} after a failed sign-in; it expires on its own", sessionId);
		}
	}

	/**
	 * A sign-in step's outcome: a session to put in the cookie (and whether the password
	 * must change, or two-factor be set up, first), or, when two-factor is on, the
	 * {@code mfaToken} for the second step.
	 */
	public record SignedIn(User user, @Nullable IssuedSession session, boolean passwordChangeRequired,
			boolean twoFactorSetupRequired, @Nullable String mfaToken, List<String> secondFactors) {

		static SignedIn mfaRequired(User user, String mfaToken, List<String> secondFactors) {
			return new SignedIn(user, null, false, false, mfaToken, secondFactors);
		}

		public boolean complete() {
			return this.session != null;
		}
	}

}
