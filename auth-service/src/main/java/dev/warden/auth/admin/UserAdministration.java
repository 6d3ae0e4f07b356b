package dev.warden.auth.admin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.warden.auth.twofactor.TwoFactorService;
import dev.warden.event.auth.AccountDisabled;
import dev.warden.event.auth.AccountEnabled;
import dev.warden.event.auth.AccountUnlocked;
import dev.warden.event.auth.PasswordChangeRequired;
import dev.warden.event.auth.RolesChanged;
import dev.warden.auth.login.LoginAttempts;
import dev.warden.auth.session.SessionClient;
import dev.warden.auth.password.PasswordHasher;
import dev.warden.auth.password.policy.PasswordCandidate;
import dev.warden.auth.password.policy.PasswordPolicyService;
import dev.warden.auth.password.policy.PasswordRules;
import dev.warden.auth.events.AuthEvents;
import dev.warden.auth.passkey.Passkeys;
import dev.warden.auth.user.CallerIds;
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
import org.jspecify.annotations.Nullable;

/**
 * Creating users (their first password meets the policy too, and is temporary: it must
 * change at the first sign-in and stops working after
 * {@code warden.password.temporary-lifetime}), listing them, lifting locks, and the
 * actions of an incident: disabling and enabling, a required password change, removing
 * two-factor authentication. Each action is published with the acting administrator.
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

	private final TwoFactorService twoFactor;

	private final AccountCounts counts;

	private final Passkeys passkeys;

	UserAdministration(UserService users, UserStore store, PasswordPolicyService policies, PasswordRules rules,
			LoginAttempts attempts, AuthEvents events, TransactionTemplate transactions, Clock clock,
			SessionClient sessions, TwoFactorService twoFactor, AccountCounts counts, Passkeys passkeys) {
		this.passkeys = passkeys;
		this.counts = counts;
		this.sessions = sessions;
		this.twoFactor = twoFactor;
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

	List<AdminUsersController.UserView> page(int page, int size, @Nullable String emailContains) {
		return this.store.page(page * size, size, emailContains).stream().map(this::view).toList();
	}

	long count(@Nullable String emailContains) {
		return this.store.count(emailContains);
	}

	AdminUsersController.UserDetail detail(UUID id) {
		User user = find(id);
		return AdminUsersController.UserDetail.of(view(user), this.store.lastSignIn(id).orElse(null),
				this.counts.of(id.toString()), this.passkeys.count(id));
	}

	private AdminUsersController.UserView view(User user) {
		return AdminUsersController.UserView.of(user, this.attempts.standing(user.email()).refused());
	}

	/**
	 * Ends every session of the user, as when a device is lost or an account is taken
	 * over; each ended session is reported by session-service ({@code session.revoked},
	 * reason {@code admin}).
	 */
	int endSessions(UUID id, UUID actorId) {
		User user = find(id);
		this.transactions.executeWithoutResult((tx) -> administratorsActedOnBy(actorId));
		return this.sessions.endAll(user.id().toString());
	}

	/**
	 * Disables the account: it cannot sign in, and on {@code account.disabled}
	 * session-service ends its sessions and token-service stops its tokens (every gateway
	 * forgets them). Never the last active administrator: the active administrators' rows
	 * stay locked while they are counted and the change is made, so two administrators
	 * disabling each other at once cannot leave none.
	 * @throws ProblemException 409 {@code last_administrator}
	 */
	void disable(UUID id, UUID actorId) {
		User user = find(id);
		User actor = actor(actorId);
		this.transactions.executeWithoutResult((tx) -> {
			List<UUID> administrators = administratorsActedOnBy(actorId);
			if (administrators.size() == 1 && administrators.contains(id)) {
				throw new ProblemException(HttpStatus.CONFLICT, "last_administrator", "Last administrator",
						"This is the last active administrator: make someone else an administrator first.");
			}
			if (this.store.disable(id, this.clock.instant())) {
				this.events.publish(id.toString(), new AccountDisabled(user.email(), user.displayName(), user.locale(),
						actorId.toString(), actor.displayName()));
			}
		});
	}

	/**
	 * Sets the user's roles ({@code USER} always among them). Every session of the user
	 * ends on {@code user.roles-changed} (each carries the roles it signed in with), and
	 * tokens of a role no longer held stop. Never takes {@code ADMIN} from the last
	 * active administrator (counted with the administrators' rows locked, as for
	 * disabling).
	 * @throws ProblemException 409 {@code last_administrator}
	 */
	void setRoles(UUID id, List<String> requested, UUID actorId) {
		User user = find(id);
		User actor = actor(actorId);
		List<String> roles = new ArrayList<>(List.of(Roles.USER));
		requested.stream().distinct().filter((role) -> !Roles.USER.equals(role)).forEach(roles::add);
		this.transactions.executeWithoutResult((tx) -> {
			List<UUID> administrators = administratorsActedOnBy(actorId);
			if (!roles.contains(Roles.ADMIN) && administrators.size() == 1 && administrators.contains(id)) {
				throw new ProblemException(HttpStatus.CONFLICT, "last_administrator", "Last administrator",
						"This is the last active administrator: make someone else an administrator first.");
			}
			if (this.store.setRoles(id, roles, this.clock.instant())) {
				this.events.publish(id.toString(), new RolesChanged(user.email(), user.displayName(), user.locale(),
						List.copyOf(roles), actorId.toString(), actor.displayName()));
			}
		});
	}

	/** Enables a disabled account again; its tokens work again unless it is locked. */
	void enable(UUID id, UUID actorId) {
		User user = find(id);
		User actor = actor(actorId);
		this.transactions.executeWithoutResult((tx) -> {
			administratorsActedOnBy(actorId);
			if (this.store.enable(id, this.clock.instant())) {
				this.attempts.reset(user.email());
				this.events.publish(id.toString(), new AccountEnabled(user.email(), user.displayName(), user.locale(),
						actorId.toString(), actor.displayName()));
			}
		});
	}

	/** The user must choose a new password at the next sign-in. */
	void requirePasswordChange(UUID id, UUID actorId) {
		User user = find(id);
		User actor = actor(actorId);
		this.transactions.executeWithoutResult((tx) -> {
			administratorsActedOnBy(actorId);
			this.store.requirePasswordChange(id, this.clock.instant());
			this.events.publish(id.toString(), new PasswordChangeRequired(user.email(), user.displayName(),
					user.locale(), actorId.toString(), actor.displayName()));
		});
	}

	/** Removes the user's two-factor authentication (lost authenticator and codes). */
	void resetTwoFactor(UUID id, UUID actorId) {
		User user = find(id);
		User actor = actor(actorId);
		this.transactions.executeWithoutResult((tx) -> administratorsActedOnBy(actorId));
		this.twoFactor.resetByAdministrator(user, actor);
	}

	/**
	 * The active administrators, their rows locked for the rest of the transaction, once
	 * the actor is found among them: the role in the caller's token is what the session
	 * signed in with, and an administrator demoted, disabled or locked since must not act
	 * (nor undo that) in the moment before their sessions end.
	 * @throws ProblemException 403 {@code forbidden}
	 */
	private List<UUID> administratorsActedOnBy(UUID actorId) {
		List<UUID> administrators = this.store.lockActiveAdministrators();
		if (!administrators.contains(actorId)) {
			throw Problems.forbidden("forbidden", "Your account is no longer an active administrator.");
		}
		return administrators;
	}

	private User actor(UUID actorId) {
		return this.store.findById(actorId).orElseThrow(CallerIds::unknownUser);
	}

	private User find(UUID id) {
		return this.store.findById(id).orElseThrow(() -> Problems.notFound("user_not_found", "No user has this id."));
	}

	/** Lifts a permanent or temporary lock and starts the failure count again. */
	void unlock(UUID id, UUID actorId) {
		User user = find(id);
		this.transactions.executeWithoutResult((tx) -> {
			administratorsActedOnBy(actorId);
			this.store.unlock(id, this.clock.instant());
			this.events.publish(id.toString(),
					new AccountUnlocked(user.email(), user.displayName(), user.locale(), actorId.toString()));
		});
		this.attempts.reset(user.email());
	}

}
