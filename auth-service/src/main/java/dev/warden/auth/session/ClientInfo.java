package dev.warden.auth.session;

import dev.warden.support.identity.WardenPrincipal;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;

/**
 * Where a request came from, as the gateway established it: the {@code cip} claim of the
 * verified internal JWT (an anonymous one on sign-in), never a header a caller could
 * write.
 */
public record ClientInfo(String ip, String userAgent) {

	private static final int MAX_USER_AGENT = 1024;

	public static ClientInfo of(HttpServletRequest request) {
		String ip = request.getUserPrincipal() instanceof Authentication authentication
				? WardenPrincipal.of(authentication).map(WardenPrincipal::clientIp).orElse(null) : null;
		if (ip == null || ip.isBlank() || ip.length() > 64) {
			// A gateway that sent no address: the peer (that gateway) is all that is
			// known.
			ip = request.getRemoteAddr();
		}
		String userAgent = request.getHeader("User-Agent");
		if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
			userAgent = userAgent.substring(0, MAX_USER_AGENT);
		}
		return new ClientInfo(ip, userAgent);
	}
}
