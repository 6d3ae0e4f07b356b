package dev.warden.auth.login;

import jakarta.servlet.http.HttpServletRequest;

import dev.warden.serviceidentity.Claims;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.jspecify.annotations.Nullable;

/**
 * The live session a browser still presented when it signed in again, as the gateway
 * vouched for it ({@code prev_sub}, {@code prev_sid} in its anonymous JWT): the new
 * session replaces it.
 */
record ReplacedSession(String userId, String sessionId) {

	private static final int MAX = 100;

	/** The session this sign-in replaces, or {@code null}. */
	static @Nullable ReplacedSession of(HttpServletRequest request) {
		if (!(request.getUserPrincipal() instanceof JwtAuthenticationToken authentication)) {
			return null;
		}
		String userId = authentication.getToken().getClaimAsString(Claims.REPLACED_USER);
		String sessionId = authentication.getToken().getClaimAsString(Claims.REPLACED_SESSION);
		if (userId == null || sessionId == null || userId.length() > MAX || sessionId.length() > MAX) {
			return null;
		}
		return new ReplacedSession(userId, sessionId);
	}
}
