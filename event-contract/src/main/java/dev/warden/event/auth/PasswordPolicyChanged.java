package dev.warden.event.auth;

import dev.warden.event.ByActor;
import dev.warden.event.EventPayload;

/**
 * Data of {@link dev.warden.event.EventTypes#PASSWORD_POLICY_CHANGED}: an administrator
 * changed the password policy; the subject is that administrator.
 *
 * @param actorId the administrator's user id
 * @param before the policy before
 * @param after the policy now
 */
public record PasswordPolicyChanged(String actorId, PasswordPolicySettings before,
		PasswordPolicySettings after) implements EventPayload, ByActor {
}
