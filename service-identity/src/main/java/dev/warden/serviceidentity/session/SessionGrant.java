package dev.warden.serviceidentity.session;

import java.time.Instant;
import java.util.List;

/**
 * Who a session belongs to and what it may do, as auth-service decided it when the user
 * signed in (or renewed the session): signed by auth-service, stored by session-service
 * next to the session, verified by the gateway. The grant is bound to one cookie value by
 * {@code secretHash}, so session-service can neither forge one nor hand one session's
 * grant to another cookie.
 *
 * @param userId the user ({@code sub})
 * @param sessionId the session's public id ({@code sid})
 * @param roles the user's roles at sign-in
 * @param authMethods RFC 8176 methods proven ({@code amr})
 * @param authenticatedAt when the user last proved who they are ({@code auth_time}, whole
 * seconds)
 * @param passwordChangeRequired the password must change before anything else
 * ({@code pcr})
 * @param twoFactorSetupRequired two-factor authentication must be set up before anything
 * else ({@code tfr})
 * @param secretHash base64url SHA-256 of the cookie value this grant is for ({@code sh})
 * @param expiresAt the session's absolute end ({@code exp})
 */
public record SessionGrant(String userId, String sessionId, List<String> roles, List<String> authMethods,
		Instant authenticatedAt, boolean passwordChangeRequired, boolean twoFactorSetupRequired, String secretHash,
		Instant expiresAt) {

	public SessionGrant {
		roles = List.copyOf(roles);
		authMethods = List.copyOf(authMethods);
	}

	/** The same grant for the session's next cookie value. */
	public SessionGrant forSecretHash(String newSecretHash) {
		return new SessionGrant(this.userId, this.sessionId, this.roles, this.authMethods, this.authenticatedAt,
				this.passwordChangeRequired, this.twoFactorSetupRequired, newSecretHash, this.expiresAt);
	}
}
