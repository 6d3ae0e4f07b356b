package dev.warden.token.introspect;

import java.time.Instant;
import java.util.Optional;

import dev.warden.token.lifecycle.ApiToken;
import dev.warden.token.lifecycle.TokenStatus;
import dev.warden.token.lifecycle.TokenStore;
import dev.warden.token.owner.TokenOwner;
import dev.warden.token.owner.TokenOwners;

import org.springframework.stereotype.Service;
import org.jspecify.annotations.Nullable;

/**
 * Whether a presented token may act, for the gateway, which asks by the token's hash (it
 * has checked the token's shape and checksum): one indexed lookup by hash, the owner
 * check, and the use is noted for a batched write.
 */
@Service
public class TokenIntrospection {

	private final TokenStore tokens;

	private final TokenOwners owners;

	private final UsageRecorder usage;

	private final java.time.Clock clock;

	TokenIntrospection(TokenStore tokens, TokenOwners owners, UsageRecorder usage, java.time.Clock clock) {
		this.tokens = tokens;
		this.owners = owners;
		this.usage = usage;
		this.clock = clock;
	}

	public Result introspect(String tokenHash, String ip, String userAgent) {
		Optional<ApiToken> found = this.tokens.findByHash(tokenHash);
		if (found.isEmpty()) {
			return Result.inactive("unknown");
		}
		ApiToken apiToken = found.get();
		Instant now = this.clock.instant();
		TokenStatus status = apiToken.statusAt(now);
		if (status == TokenStatus.REVOKED) {
			return Result.inactive("revoked");
		}
		if (status == TokenStatus.EXPIRED) {
			return Result.inactive("expired");
		}
		Optional<TokenOwner> owner = this.owners.find(apiToken.userId());
		if (owner.isPresent() && !owner.get().permits(apiToken.role())) {
			return Result.inactive(
					owner.get().disabled() ? "owner_disabled" : owner.get().locked() ? "owner_locked" : "role_revoked");
		}
		this.usage.record(apiToken.id(), now, ip, userAgent);
		return new Result(true, null, apiToken.id().toString(), apiToken.userId(), apiToken.role(),
				apiToken.expiresAt(), apiToken.grant());
	}

	/**
	 * RFC 7662-like: {@code active} first; for an inactive token only the reason
	 * ({@code expired}, {@code revoked}, {@code unknown}, ...), so the gateway can tell
	 * the client what to do. {@code grant} is the one the gateway signed at creation
	 * ({@code null} for a token made before grants): the gateway believes that, not the
	 * fields beside it.
	 */
	public record Result(boolean active, @Nullable String reason, @Nullable String tokenId, @Nullable String userId,
			@Nullable String role, @Nullable Instant expiresAt, @Nullable String grant) {

		static Result inactive(String reason) {
			return new Result(false, reason, null, null, null, null, null);
		}

		@Override
		public String toString() {
			return "Result[active=" + this.active + ", reason=" + this.reason + ", tokenId=" + this.tokenId + "]";
		}
	}

}
