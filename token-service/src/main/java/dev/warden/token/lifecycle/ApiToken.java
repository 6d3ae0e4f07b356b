package dev.warden.token.lifecycle;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An API token as stored: never the token itself, only its hash and the last four
 * characters.
 *
 * @param grant the token grant the gateway signed at creation, as it came; {@code null}
 * for tokens made before grants (the gateway refuses those)
 */
public record ApiToken(UUID id, String userId, String name, String role, String tokenHash, String hint,
		Instant createdAt, Instant expiresAt, @Nullable Instant revokedAt, @Nullable String revokedReason,
		@Nullable Instant lastUsedAt, @Nullable String lastUsedIp, @Nullable String lastUsedUserAgent,
		@Nullable String grant) {

	public TokenStatus statusAt(Instant now) {
		if (this.revokedAt != null) {
			return TokenStatus.REVOKED;
		}
		return this.expiresAt.isAfter(now) ? TokenStatus.ACTIVE : TokenStatus.EXPIRED;
	}

	@Override
	public String toString() {
		return "ApiToken[id=" + this.id + ", userId=" + this.userId + "]";
	}
}
