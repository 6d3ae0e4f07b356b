package dev.warden.gateway.identity;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who a request comes from, as the gateway established it (from a session cookie or an
 * API token).
 *
 * @param userId the user
 * @param roles the roles in force for this request (a token's single role, or the
 * session's roles)
 * @param sessionId the public session id, for cookie callers
 * @param tokenId the API token id, for bearer callers
 * @param authMethods RFC 8176 methods: {@code pwd}, {@code otp}, {@code token}
 * @param authenticatedAt when the user last proved who they are ({@code auth_time}), for
 * recent-auth checks
 * @param clientIp the client's address as the gateway established it ({@code cip}), the
 * only one services record
 * @param replaces for a sign-in, the live session the browser still presents, which the
 * new one replaces (or {@code null})
 */
public record CallerIdentity(@Nullable String userId, List<String> roles, @Nullable String sessionId,
		@Nullable String tokenId, List<String> authMethods, @Nullable Instant authenticatedAt,
		@Nullable String clientIp, @Nullable PreviousSession replaces) {

	/**
	 * Exchange attribute under which an authenticator leaves the caller for the identity
	 * filter.
	 */
	public static final String ATTRIBUTE = CallerIdentity.class.getName();

	public CallerIdentity {
		roles = List.copyOf(roles);
		authMethods = List.copyOf(authMethods);
	}

	/**
	 * A caller who has not signed in, on a path that needs no user (signing in): services
	 * still get a token from the gateway, so they can tell a request that came through
	 * the door (and its limits) from one that did not.
	 */
	public static CallerIdentity anonymous(@Nullable String clientIp) {
		return anonymous(clientIp, null);
	}

	/** A sign-in from a browser that still holds the live session {@code replaces}. */
	public static CallerIdentity anonymous(@Nullable String clientIp, @Nullable PreviousSession replaces) {
		return new CallerIdentity(null, List.of(), null, null, List.of(), null, clientIp, replaces);
	}

	/**
	 * Whose session, under which public id: ended by auth-service once the new sign-in
	 * completes.
	 */
	public record PreviousSession(String userId, String sessionId) {
	}

	public boolean isAnonymous() {
		return this.userId == null;
	}
}
