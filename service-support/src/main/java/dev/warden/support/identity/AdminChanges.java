package dev.warden.support.identity;

import java.util.function.Supplier;

import dev.warden.support.problem.ProblemAccessDeniedException;

import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Changes to administration (unsafe methods on {@code /api/admin/**}) need the ADMIN
 * role, a signed-in session (an API token's JWT has no {@code sid}: 403
 * {@code session_required}) and a recent sign-in (403 {@code reauthentication_required})
 * — checked in every service, whatever the gateway already checked.
 */
final class AdminChanges implements AuthorizationManager<RequestAuthorizationContext> {

	private final RecentAuthentication recentAuthentication;

	AdminChanges(RecentAuthentication recentAuthentication) {
		this.recentAuthentication = recentAuthentication;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		if (!(authentication.get() instanceof JwtAuthenticationToken token) || token.getAuthorities()
			.stream()
			.noneMatch((authority) -> "ROLE_ADMIN".equals(authority.getAuthority()))) {
			return new AuthorizationDecision(false);
		}
		if (token.getToken().getClaimAsString(WardenPrincipal.SESSION_ID) == null) {
			throw new ProblemAccessDeniedException(HttpStatus.FORBIDDEN, "session_required", "Session required",
					"Administration can only be changed from a signed-in session, not with an API token.");
		}
		if (!this.recentAuthentication.isRecent(token.getToken())) {
			throw new ProblemAccessDeniedException(HttpStatus.FORBIDDEN, RecentAuthentication.CODE,
					RecentAuthentication.TITLE, RecentAuthentication.DETAIL);
		}
		return new AuthorizationDecision(true);
	}

}
