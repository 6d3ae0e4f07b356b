package dev.warden.support.problem;

import dev.warden.serviceidentity.Claims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * One {@code warden.security} line for every request a service refuses as unauthenticated
 * (401) or not allowed (403): who (the user, or nobody), from where (the gateway's
 * {@code cip}, or the TCP peer of a caller that came around the gateway), what and why.
 * Operators see authorization failures and bypass attempts without reading the access
 * log; no credential is written.
 */
final class SecurityRefusals {

	private static final Logger security = LoggerFactory.getLogger("warden.security");

	private SecurityRefusals() {
	}

	static void log(int status, String code) {
		if (status != 401 && status != 403) {
			return;
		}
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (!(attributes instanceof ServletRequestAttributes servlet)) {
			return;
		}
		var request = servlet.getRequest();
		String user = "-";
		String client = request.getRemoteAddr();
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken jwt) {
			user = jwt.getToken().getSubject() == null ? "anonymous" : jwt.getToken().getSubject();
			String cip = jwt.getToken().getClaimAsString(Claims.CLIENT_IP);
			client = cip == null ? client : cip;
		}
		security.warn("Refused {} {}: {} {} (user {}, client {})", request.getMethod(), request.getRequestURI(), status,
				code, user, client);
	}

}
