package dev.warden.support.identity;

import dev.warden.serviceidentity.Claims;
import java.util.List;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The caller as the gateway vouched for it in the internal JWT.
 *
 * @param userId {@code sub}
 * @param roles {@code roles}
 * @param sessionId {@code sid}, the public session id, when the caller used a session
 * cookie
 * @param tokenId {@code tid}, when the caller used an API token
 * @param authMethods {@code amr} (RFC 8176): {@code pwd}, {@code otp}, {@code token}
 * @param clientIp {@code cip}, the client's address as the gateway established it: the
 * only one to record
 */
public record WardenPrincipal(String userId, List<String> roles, String sessionId, String tokenId,
		List<String> authMethods, String clientIp) {

	public static final String ROLES = Claims.ROLES;

	public static final String SESSION_ID = Claims.SESSION_ID;

	public static final String TOKEN_ID = Claims.TOKEN_ID;

	public static final String AUTH_METHODS = Claims.AUTH_METHODS;

	public static final String CLIENT_IP = Claims.CLIENT_IP;

	public static WardenPrincipal from(Jwt jwt) {
		return new WardenPrincipal(jwt.getSubject(), listClaim(jwt, ROLES), jwt.getClaimAsString(SESSION_ID),
				jwt.getClaimAsString(TOKEN_ID), listClaim(jwt, AUTH_METHODS), jwt.getClaimAsString(CLIENT_IP));
	}

	/** The principal of an authentication made from an internal JWT, if it is one. */
	public static Optional<WardenPrincipal> of(Authentication authentication) {
		if (authentication instanceof JwtAuthenticationToken token) {
			return Optional.of(from(token.getToken()));
		}
		return Optional.empty();
	}

	public boolean hasRole(String role) {
		return roles.contains(role);
	}

	private static List<String> listClaim(Jwt jwt, String name) {
		List<String> values = jwt.getClaimAsStringList(name);
		return values == null ? List.of() : List.copyOf(values);
	}
}
