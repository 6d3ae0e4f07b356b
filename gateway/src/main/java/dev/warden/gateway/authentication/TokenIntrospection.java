package dev.warden.gateway.authentication;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * token-service's answer about an API token (RFC 7662-like): for an inactive token only
 * the reason ({@code expired}, {@code revoked}, {@code malformed}, {@code unknown},
 * {@code owner_locked}, {@code role_revoked}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenIntrospection(boolean active, @Nullable String reason, @Nullable String tokenId,
		@Nullable String userId, @Nullable String role, @Nullable Instant expiresAt, @Nullable String grant) {

	static final TokenIntrospection MALFORMED = new TokenIntrospection(false, "malformed", null, null, null, null,
			null);

	/** An answer the gateway does not believe: unknown, as far as the caller is told. */
	static final TokenIntrospection UNGRANTED = new TokenIntrospection(false, "unknown", null, null, null, null, null);

	@Override
	public String toString() {
		return "TokenIntrospection[active=" + this.active + ", reason=" + this.reason + ", tokenId=" + this.tokenId
				+ "]";
	}
}
