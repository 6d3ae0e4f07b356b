package dev.warden.gateway.authentication;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** session-service's answer about a session cookie (RFC 7662-like: {@code active} first). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionIntrospection(boolean active, String sessionId, String userId, List<String> roles,
		List<String> authMethods, Instant authenticatedAt, Instant expiresAt, Boolean passwordChangeRequired,
		Boolean twoFactorSetupRequired) {

	static final SessionIntrospection INACTIVE = new SessionIntrospection(false, null, null, List.of(), List.of(),
			null, null, false, false);

	public boolean mustChangePassword() {
		return Boolean.TRUE.equals(this.passwordChangeRequired);
	}

	public boolean mustSetUpTwoFactor() {
		return Boolean.TRUE.equals(this.twoFactorSetupRequired);
	}
}
