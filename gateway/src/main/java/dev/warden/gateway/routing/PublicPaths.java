package dev.warden.gateway.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public paths of docs/architecture.md and the service that owns each: what the
 * gateway routes, and what the API description must describe (no more, no less).
 */
public final class PublicPaths {

	/** Path patterns by the service they are routed to. */
	public static final Map<String, List<String>> BY_SERVICE = byService();

	private PublicPaths() {
	}

	private static Map<String, List<String>> byService() {
		// In the order routes are tried: a user's sessions and tokens under
		// /api/admin/users
		// belong to their owners, before everything else there goes to auth-service.
		Map<String, List<String>> paths = new LinkedHashMap<>();
		paths.put(Upstreams.SESSION, List.of("/api/security/sessions/**", "/api/admin/users/*/sessions"));
		paths.put(Upstreams.TOKEN,
				List.of("/api/security/tokens/**", "/api/admin/users/*/tokens/**", "/api/tokens/revocations"));
		paths.put(Upstreams.AUTH,
				List.of("/api/auth/**", "/api/me/**", "/api/security/password/**", "/api/security/two-factor/**",
						"/api/security/passkeys/**", "/api/admin/users/**", "/api/admin/password-policy/**"));
		paths.put(Upstreams.AUDIT, List.of("/api/security/log/**", "/api/admin/security-log/**"));
		paths.put(Upstreams.NOTIFICATION, List.of("/api/admin/notifications/**"));
		return java.util.Collections.unmodifiableMap(paths);
	}

}
