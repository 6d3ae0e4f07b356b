package dev.warden.gateway.authentication;

import java.util.List;

import dev.warden.gateway.problem.GatewayProblem;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which routed paths need no caller, which a caller who must change the password, or set
 * up two-factor authentication, may still reach, and what an API token or a
 * non-administrator may not do: {@link #decide} applies them to a caller, with nothing of
 * the exchange but its path and method.
 */
final class AccessPolicy {

	private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

	/** The sign-in steps: each may complete a sign-in. */
	private static final List<PathPattern> SIGN_IN = patterns("/api/auth/login", "/api/auth/login/mfa",
			"/api/auth/passkey");

	/**
	 * Reachable without authentication (docs/architecture.md): signing in (with a
	 * password, or a passkey), resetting a forgotten password, and reporting leaked API
	 * tokens.
	 */
	private static final List<PathPattern> PUBLIC = patterns("/api/auth/login", "/api/auth/login/mfa",
			"/api/auth/passkey/options", "/api/auth/passkey", "/api/auth/password-reset",
			"/api/auth/password-reset/confirm", "/api/tokens/revocations");

	/**
	 * What a session flagged "password change required" may still do
	 * (docs/architecture.md, Password).
	 */
	private static final List<PathPattern> WHILE_PASSWORD_CHANGE_REQUIRED = patterns("/api/me",
			"/api/security/password/policy", "/api/security/password", "/api/auth/logout");

	/**
	 * What a session flagged "two-factor set-up required" may still do (OWASP ASVS 5.0
	 * §6.3.3): see who it is, read the policy that says why, re-authenticate for the
	 * set-up, set it up, and sign out.
	 */
	private static final List<PathPattern> WHILE_TWO_FACTOR_SETUP_REQUIRED = patterns("/api/me", "/api/auth/logout",
			"/api/auth/reauthenticate", "/api/security/password/policy", "/api/security/two-factor/**");

	/** Security settings: a leaked API token must not change them. */
	private static final List<PathPattern> SECURITY_SETTINGS = patterns("/api/security/**");

	/**
	 * Changes only a signed-in session may make: the user's own settings, and
	 * administration.
	 */
	private static final List<PathPattern> SESSION_ONLY_CHANGES = patterns("/api/me/**", "/api/admin/**");

	private static final java.util.Set<HttpMethod> UNSAFE = java.util.Set.of(HttpMethod.POST, HttpMethod.PUT,
			HttpMethod.PATCH, HttpMethod.DELETE);

	private static final String ADMIN = "ADMIN";

	/** Administration: role ADMIN, checked here and again by the service. */
	private static final List<PathPattern> ADMINISTRATION = patterns("/api/admin/**");

	private AccessPolicy() {
	}

	/** What {@code caller} may do with {@code method} on {@code path}. */
	static Access decide(Resolution.Caller caller, String path, HttpMethod method) {
		if (caller instanceof Resolution.Session session) {
			return decide(session.session(), path);
		}
		if (caller instanceof Resolution.Token token) {
			return decide(token.token(), path, method);
		}
		// Only signing in goes without a caller: no credential is looked for anywhere
		// else.
		return isPublic(path, method) ? Access.ALLOWED : Access.refused(GatewayProblem.unauthenticated());
	}

	private static Access decide(SessionIntrospection session, String path) {
		if (session.mustChangePassword() && !allowedWhilePasswordChangeRequired(path)) {
			return Access.refused(GatewayProblem.passwordChangeRequired());
		}
		// The password change comes first: a session with both flags is held by the one
		// above until it is done.
		if (!session.mustChangePassword() && session.mustSetUpTwoFactor()
				&& !allowedWhileTwoFactorSetupRequired(path)) {
			return Access.refused(GatewayProblem.twoFactorSetupRequired());
		}
		if (isAdministration(path) && !session.roles().contains(ADMIN)) {
			return Access.refused(GatewayProblem.adminRequired());
		}
		return Access.ALLOWED;
	}

	/**
	 * An API token acts as its user with the token's one role, and never on the security
	 * settings, the user's own settings or administration changes: a leaked token cannot
	 * change the password, mint more tokens or administer.
	 */
	private static Access decide(TokenIntrospection token, String path, HttpMethod method) {
		if (needsSession(path, method)) {
			return Access.refused(GatewayProblem.sessionRequired());
		}
		if (isAdministration(path) && !ADMIN.equals(token.role())) {
			return Access.refused(GatewayProblem.adminRequired());
		}
		return Access.ALLOWED;
	}

	static boolean isPublic(String path, HttpMethod method) {
		return matches(PUBLIC, path);
	}

	/**
	 * The sign-in steps: each may complete a sign-in, which replaces a session the
	 * browser still holds.
	 */
	static boolean isSignIn(String path) {
		return matches(SIGN_IN, path);
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
	 * Whether only a signed-in session may do this, never an API token: anything on the
	 * security settings, and changes to the user's own settings or to administration
	 * (reading administration stays open to an ADMIN token).
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
