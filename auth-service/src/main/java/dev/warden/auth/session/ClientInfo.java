package dev.warden.auth.session;

import dev.warden.serviceidentity.ClientLimits;
import dev.warden.support.identity.WardenPrincipal;
import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;

/**
 * Where a request came from, as the gateway established it: the {@code cip} claim of the
 * verified internal JWT (an anonymous one on sign-in), never a header a caller could
 * write.
 */
public record ClientInfo(String ip, @Nullable String userAgent) {

	public static ClientInfo of(HttpServletRequest request) {
		String ip = request.getUserPrincipal() instanceof Authentication authentication
				? WardenPrincipal.of(authentication).map(WardenPrincipal::clientIp).orElse(null) : null;
		if (ip == null || ip.isBlank() || ip.length() > ClientLimits.MAX_ADDRESS) {
			// A gateway that sent no address: the peer (that gateway) is all that is
			// known.
			ip = request.getRemoteAddr();
		}
		return new ClientInfo(ip, ClientLimits.userAgent(request.getHeader("User-Agent")));
	}
}
