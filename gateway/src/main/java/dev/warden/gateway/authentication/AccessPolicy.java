package dev.warden.gateway.authentication;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which routed paths need no caller, and which a caller who must change the password, or set up two-factor
 * authentication, may still reach.
 */
final class AccessPolicy {

	private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

	/** Reachable without authentication (docs/architecture.md): signing in. */
	private static final List<PathPattern> PUBLIC = patterns("/api/auth/login", "/api/auth/login/mfa");

	/** What a session flagged "password change required" may still do (docs/architecture.md, Password). */
	private static final List<PathPattern> WHILE_PASSWORD_CHANGE_REQUIRED = patterns("/api/me",
			"/api/security/password/policy", "/api/security/password", "/api/auth/logout");

	/**
	 * What a session flagged "two-factor set-up required" may still do (OWASP ASVS 5.0 §6.3.3): see who it is, read
	 * the policy that says why, re-authenticate for the set-up, set it up, and sign out.
	 */
	private static final List<PathPattern> WHILE_TWO_FACTOR_SETUP_REQUIRED = patterns("/api/me", "/api/auth/logout",
			"/api/auth/reauthenticate", "/api/security/password/policy", "/api/security/two-factor/**");

	/** Security settings: a leaked API token must not change them. */
	private static final List<PathPattern> SECURITY_SETTINGS = patterns("/api/security/**");

	/** Changes only a signed-in session may make: the user's own settings, and administration. */
	private static final List<PathPattern> SESSION_ONLY_CHANGES = patterns("/api/me/**", "/api/admin/**");

	private static final java.util.Set<HttpMethod> UNSAFE = java.util.Set.of(HttpMethod.POST, HttpMethod.PUT,
			HttpMethod.PATCH, HttpMethod.DELETE);

	/** Administration: role ADMIN, checked here and again by the service. */
	private static final List<PathPattern> ADMINISTRATION = patterns("/api/admin/**");

	private AccessPolicy() {
	}

	static boolean isPublic(String path, HttpMethod method) {
		return matches(PUBLIC, path);
	}

	/** The sign-in steps: each may complete a sign-in, which replaces a session the browser still holds. */
	static boolean isSignIn(String path) {
		return matches(PUBLIC, path);
	}

	static boolean allowedWhilePasswordChangeRequired(String path) {
		return matches(WHILE_PASSWORD_CHANGE_REQUIRED, path);
	}

	static boolean allowedWhileTwoFactorSetupRequired(String path) {
		return matches(WHILE_TWO_FACTOR_SETUP_REQUIRED, path);
	}

	static boolean isAdministration(String path) {
		return matches(ADMINISTRATION, path);
	}

	/**
	 * Whether only a signed-in session may do this, never an API token: anything on the security settings, and
	 * changes to the user's own settings or to administration (reading administration stays open to an ADMIN token).
	 */
	static boolean needsSession(String path, HttpMethod method) {
		return matches(SECURITY_SETTINGS, path) || (UNSAFE.contains(method) && matches(SESSION_ONLY_CHANGES, path));
	}

	private static boolean matches(List<PathPattern> patterns, String path) {
		PathContainer container = PathContainer.parsePath(path);
		return patterns.stream().anyMatch((pattern) -> pattern.matches(container));
	}

	private static List<PathPattern> patterns(String... paths) {
		return List.of(paths).stream().map(PARSER::parse).toList();
	}
}
