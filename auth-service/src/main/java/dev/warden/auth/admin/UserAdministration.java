package dev.warden.auth.admin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.warden.event.auth.AccountUnlocked;
import dev.warden.auth.login.LoginAttempts;
import dev.warden.auth.session.SessionClient;
import dev.warden.auth.password.PasswordHasher;
import dev.warden.auth.password.policy.PasswordCandidate;
import dev.warden.auth.password.policy.PasswordPolicyService;
import dev.warden.auth.password.policy.PasswordRules;
import dev.warden.auth.events.AuthEvents;
import dev.warden.auth.user.Locales;
import dev.warden.auth.user.Roles;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserService;
import dev.warden.auth.user.UserStore;
import dev.warden.support.problem.FieldProblem;
import dev.warden.support.problem.ProblemException;
import dev.warden.support.problem.Problems;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creating users (their first password meets the policy too, and is temporary: it must
 * change at the first sign-in and stops working after
 * {@code warden.password.temporary-lifetime}), listing them, and lifting locks.
 */
@Service
class UserAdministration {

	private final UserService users;

	private final UserStore store;

	private final PasswordPolicyService policies;

	private final PasswordRules rules;

	private final LoginAttempts attempts;

	private final AuthEvents events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final SessionClient sessions;

	UserAdministration(UserService users, UserStore store, PasswordPolicyService policies, PasswordRules rules,
			LoginAttempts attempts, AuthEvents events, TransactionTemplate transactions, Clock clock,
			SessionClient sessions) {
		this.sessions = sessions;
		this.users = users;
		this.store = store;
		this.policies = policies;
		this.rules = rules;
		this.attempts = attempts;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	User create(AdminUsersController.NewUser request, String actorId) {
		List<FieldProblem> problems = new ArrayList<>();
		if (Boolean.FALSE.equals(request.temporary())) {
			// An initial password is never the long-term one (OWASP ASVS 5.0 6.4.1): the
			// user chooses that.
			problems.add(new FieldProblem("temporary", "temporary_required",
					"A password an administrator sets is always temporary: the user chooses their own at the first "
							+ "sign-in. Leave out temporary or set it to true."));
		}
		this.rules
			.check(this.policies.current(),
					new PasswordCandidate(PasswordHasher.normalize(request.password()), request.email(),
							request.displayName(), false))
			.forEach((violation) -> problems.add(new FieldProblem("password", violation.code(), violation.message())));
		if (!problems.isEmpty()) {
			throw Problems.validation(problems);
		}
		List<String> roles = new ArrayList<>(request.roles().stream().distinct().toList());
		if (!roles.contains(Roles.USER)) {
			roles.add(0, Roles.USER);
		}
		try {
			return this.users.create(request.email(), request.displayName(), roles, request.password(), true, actorId,
					Locales.canonical(request.locale()));
		}
		catch (DuplicateKeyException ex) {
			throw new ProblemException(HttpStatus.CONFLICT, "email_taken", "E-mail address taken",
					"A user with this e-mail address exists already.");
		}
	}

	List<AdminUsersController.UserView> page(int page, int size) {
		return this.store.page(page * size, size)
			.stream()
			.map((user) -> AdminUsersController.UserView.of(user, this.attempts.standing(user.email()).refused()))
			.toList();
	}

	long count() {
		return this.store.count();
	}

	/**
	 * Ends every session of the user, as when a device is lost or an account is taken
	 * over; each ended session is reported by session-service ({@code session.revoked},
	 * reason {@code admin}).
	 */
	int endSessions(UUID id) {
		User user = this.store.findById(id)
			.orElseThrow(() -> Problems.notFound("user_not_found", "No user has this id."));
		return this.sessions.endAll(user.id().toString());
	}

	/** Lifts a permanent or temporary lock and starts the failure count again. */
	void unlock(UUID id, String actorId) {
		User user = this.store.findById(id)
			.orElseThrow(() -> Problems.notFound("user_not_found", "No user has this id."));
		this.attempts.reset(user.email());
		this.transactions.executeWithoutResult((tx) -> {
			this.store.unlock(id, this.clock.instant());
			this.events.publish(id.toString(),
					new AccountUnlocked(user.email(), user.displayName(), user.locale(), actorId));
		});
	}

}
