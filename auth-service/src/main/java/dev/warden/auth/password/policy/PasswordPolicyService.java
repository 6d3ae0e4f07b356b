package dev.warden.auth.password.policy;

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
 * audited.
 */
@Service
public class PasswordPolicyService {

	private final PolicyStore store;

	private final AuthEvents events;

	private final Clock clock;

	PasswordPolicyService(PolicyStore store, AuthEvents events, Clock clock) {
		this.store = store;
		this.events = events;
		this.clock = clock;
	}

	public PasswordPolicy current() {
		return this.store.find().orElse(PasswordPolicy.DEFAULT);
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
		PasswordPolicy before = current();
		this.store.save(policy, this.clock.instant(), actorId);
		this.events.publish(actorId, new PasswordPolicyChanged(actorId, before.settings(), policy.settings()));
		return policy;
	}

}
