package dev.warden.auth.password.change;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.warden.event.auth.PasswordChanged;
import dev.warden.auth.login.LoginErrors;
import dev.warden.auth.login.PasswordCheck;
import dev.warden.auth.password.PasswordHasher;
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
import dev.warden.auth.passkey.Passkeys;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserStore;
import dev.warden.event.EventTypes;
import dev.warden.support.problem.FieldProblem;
import dev.warden.support.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.jspecify.annotations.Nullable;

/**
 * "Change password": the current password, a new one that meets the policy, and its
 * confirmation. Every problem is reported at once, field by field. On success the new
 * hash, its history entry and {@code password.changed} commit together; session-service
 * then ends the other sessions (unless the user chose to stay signed in elsewhere), and
 * the current session gets a new secret.
 */
@Service
public class PasswordChangeService {

	private static final Logger log = LoggerFactory.getLogger(PasswordChangeService.class);

	private final UserStore users;

	private final PasswordCheck check;

	private final PasswordHasher hasher;

	private final PasswordPolicyService policies;

	private final PasswordRules rules;

	private final PasswordHistory history;

	private final SessionClient sessions;

	private final AuthEvents events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Passkeys passkeys;

	PasswordChangeService(UserStore users, PasswordCheck check, PasswordHasher hasher, PasswordPolicyService policies,
			PasswordRules rules, PasswordHistory history, SessionClient sessions, AuthEvents events,
			TransactionTemplate transactions, Clock clock, Passkeys passkeys) {
		this.passkeys = passkeys;
		this.users = users;
		this.check = check;
		this.hasher = hasher;
		this.policies = policies;
		this.rules = rules;
		this.history = history;
		this.sessions = sessions;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Changes the password; returns the renewed session, or {@code null} when it could
	 * not be renewed. The current password is checked first and alone: while it is wrong
	 * nothing else is judged, so the form is no oracle for old passwords. The new hash is
	 * made before the row is locked, so no transaction waits for a hash slot.
	 */
	public @Nullable IssuedSession change(UUID userId, @Nullable String sessionId, PasswordChange change,
			ClientInfo client) {
		User signedIn = this.users.findById(userId).orElseThrow(LoginErrors::invalidCredentials);
		// The user as the check read it: its hash is the one the current password was
		// verified against.
		User user = this.check
			.verify(signedIn.email(), change.currentPassword(), client, EventTypes.PASSWORD_CHANGE_FAILED)
			.orElseThrow(() -> LoginErrors.currentPasswordInvalid("currentPassword"));
		String newPassword = PasswordHasher.normalize(change.newPassword());
		List<FieldProblem> problems = newPasswordProblems(user, change.newPassword(), change.confirmPassword(), true,
				true);
		if (!problems.isEmpty()) {
			throw Problems.validation(problems);
		}
		String hash = this.hasher.hash(newPassword);
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((tx) -> {
			User locked = this.users.findByIdForUpdate(userId).orElseThrow(LoginErrors::invalidCredentials);
			if (!Objects.equals(locked.passwordHash(), user.passwordHash())) {
				// Changed by another request since it was checked: what was typed is no
				// longer the current password.
				throw LoginErrors.currentPasswordInvalid("currentPassword");
			}
			this.history.add(userId, locked.passwordHash(), now);
			this.users.changePassword(userId, hash, now);
			this.events.publish(userId.toString(), new PasswordChanged(user.email(), user.displayName(), user.locale(),
					client.ip(), client.userAgent(), sessionId, change.signsOutOtherSessions(), now));
		});
		if (sessionId == null) {
			return null;
		}
		try {
			return this.sessions.renew(userId.toString(), sessionId, null, true, false, null);
		}
		catch (SessionsUnavailableException ex) {
			// The change stands; the session keeps its old secret until it ends.
			log.warn("Password of user {} changed, but session {} could not be renewed", userId, sessionId);
			return null;
		}
	}

	/**
	 * What is wrong with {@code newPassword} for {@code user}, field by field: its
	 * confirmation, and every rule of the policy in force; the minimum age only when
	 * {@code minimumAge} (not to a forgotten password), and the history (the current and
	 * earlier passwords, each an Argon2 check) only when {@code history}.
	 */
	public List<FieldProblem> newPasswordProblems(User user, String newPassword, String confirmPassword,
			boolean minimumAge, boolean history) {
		PasswordPolicy policy = this.policies.current();
		String normalized = PasswordHasher.normalize(newPassword);
		List<FieldProblem> problems = new ArrayList<>();
		if (!Objects.equals(normalized, PasswordHasher.normalize(confirmPassword))) {
			problems.add(new FieldProblem("confirmPassword", "confirmation_mismatch",
					"The confirmation does not match the new password."));
		}
		for (PolicyViolation violation : violations(user, policy, normalized, minimumAge, history)) {
			problems.add(new FieldProblem("newPassword", violation.code(), violation.message()));
		}
		return problems;
	}

	private List<PolicyViolation> violations(User user, PasswordPolicy policy, String newPassword, boolean minimumAge,
			boolean history) {
		List<PolicyViolation> violations = new ArrayList<>(this.rules.check(policy, new PasswordCandidate(newPassword,
				user.email(), user.displayName(), user.twoFactorEnabled() || this.passkeys.count(user.id()) > 0)));
		if (minimumAge && policy.minAgeHours() > 0 && !user.passwordChangeRequired()
				&& user.passwordChangedAt()
					.plus(Duration.ofHours(policy.minAgeHours()))
					.isAfter(this.clock.instant())) {
			violations.add(new PolicyViolation("policy.too_recent", "Your password changed less than "
					+ policy.minAgeHours() + " hours ago; wait before changing it again."));
		}
		if (history && policy.historySize() > 0 && reused(user, policy, newPassword)) {
			violations.add(new PolicyViolation("policy.reused",
					"Choose a password you have not used for your last " + policy.historySize() + " passwords."));
		}
		return violations;
	}

	/**
	 * The history rule alone: {@code policy.reused} when {@code newPassword} is the
	 * current password or one of the earlier ones the policy keeps.
	 */
	public List<FieldProblem> historyProblems(User user, String newPassword) {
		PasswordPolicy policy = this.policies.current();
		if (policy.historySize() > 0 && reused(user, policy, PasswordHasher.normalize(newPassword))) {
			return List.of(new FieldProblem("newPassword", "policy.reused",
					"Choose a password you have not used for your last " + policy.historySize() + " passwords."));
		}
		return List.of();
	}

	private boolean reused(User user, PasswordPolicy policy, String newPassword) {
		if (this.hasher.matches(newPassword, user.passwordHash())) {
			return true;
		}
		return this.history.recent(user.id(), policy.historySize() - 1)
			.stream()
			.anyMatch((hash) -> this.hasher.matches(newPassword, hash));
	}

}
