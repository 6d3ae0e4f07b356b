package dev.warden.auth.password.policy;

import org.jspecify.annotations.Nullable;
import java.time.Duration;
import java.time.Clock;

import dev.warden.event.auth.PasswordPolicyChanged;
import dev.warden.auth.events.AuthEvents;
import dev.warden.auth.user.Roles;
import dev.warden.support.problem.FieldProblem;
import dev.warden.support.problem.Problems;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The policy in force (the defaults until an administrator saves one) and changing it,
 * audited. The policy is read on every request that shows who the caller is, so it is
 * kept for {@link #FRESH_FOR} after a read: a change made here applies here at once, one
 * made on another replica within those seconds.
 */
@Service
public class PasswordPolicyService {

	private final PolicyStore store;

	private final AuthEvents events;

	/** How long a policy read from the database is used before it is read again. */
	static final Duration FRESH_FOR = Duration.ofSeconds(5);

	private final Clock clock;

	private volatile @Nullable Read lastRead;

	PasswordPolicyService(PolicyStore store, AuthEvents events, Clock clock) {
		this.store = store;
		this.events = events;
		this.clock = clock;
	}

	public PasswordPolicy current() {
		Read read = this.lastRead;
		long now = System.nanoTime();
		if (read != null && now - read.atNanos() < FRESH_FOR.toNanos()) {
			return read.policy();
		}
		PasswordPolicy policy = this.store.find().orElse(PasswordPolicy.DEFAULT);
		this.lastRead = new Read(policy, now);
		return policy;
	}

	/**
	 * Saves a new policy; its {@code password-policy.changed} event, with before and
	 * after, commits with it.
	 */
	@Transactional
	public PasswordPolicy change(PasswordPolicy policy, String actorId) {
		if (policy.maxLength() < policy.minLength() || policy.maxLength() < policy.minLengthWithTwoFactor()) {
			throw Problems.validation(java.util.List.of(new FieldProblem("maxLength", "policy_inconsistent",
					"The maximum length must be at least both minimum lengths.")));
		}
		if (!policy.twoFactorRequiredFor().stream().allMatch((role) -> role != null && Roles.ALL.contains(role))) {
			throw Problems.validation(java.util.List.of(new FieldProblem("twoFactorRequiredFor", "unknown_role",
					"Two-factor authentication can be required of the roles USER and ADMIN only.")));
		}
		PasswordPolicy before = this.store.find().orElse(PasswordPolicy.DEFAULT);
		this.lastRead = null;
		this.store.save(policy, this.clock.instant(), actorId);
		this.events.publish(actorId, new PasswordPolicyChanged(actorId, before.settings(), policy.settings()));
		// Also once committed: a read between the save and the commit saw the old one.
		org.springframework.transaction.support.TransactionSynchronizationManager
			.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
				@Override
				public void afterCommit() {
					PasswordPolicyService.this.lastRead = null;
				}
			});
		return policy;
	}

	/** A policy as read, and when (System.nanoTime, not the clock tests move). */
	private record Read(PasswordPolicy policy, long atNanos) {
	}

}
