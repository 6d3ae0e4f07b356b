package dev.warden.gateway.authentication;

import java.time.Instant;
import java.util.List;

import dev.warden.serviceidentity.session.SessionGrant;
import org.jspecify.annotations.Nullable;

/**
 * A session cookie's standing: inactive, or live with the identity its verified grant
 * names (never what session-service says beside the grant).
 */
public record SessionIntrospection(boolean active, @Nullable String sessionId, @Nullable String userId,
		List<String> roles, List<String> authMethods, @Nullable Instant authenticatedAt, @Nullable Instant expiresAt,
		boolean passwordChangeRequired, boolean twoFactorSetupRequired) {

	static final SessionIntrospection INACTIVE = new SessionIntrospection(false, null, null, List.of(), List.of(), null,
			null, false, false);

	public SessionIntrospection {
		roles = List.copyOf(roles);
		authMethods = List.copyOf(authMethods);
	}

	/** A live session as auth-service granted it. */
	static SessionIntrospection of(SessionGrant grant) {
		return new SessionIntrospection(true, grant.sessionId(), grant.userId(), grant.roles(), grant.authMethods(),
				grant.authenticatedAt(), grant.expiresAt(), grant.passwordChangeRequired(),
				grant.twoFactorSetupRequired());
	}

	public boolean mustChangePassword() {
		return this.passwordChangeRequired;
	}

	public boolean mustSetUpTwoFactor() {
		return this.twoFactorSetupRequired;
	}
}
