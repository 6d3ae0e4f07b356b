package dev.warden.event.token;

import java.time.Instant;

import dev.warden.event.AboutToken;
import dev.warden.event.ByActor;
import dev.warden.event.EventPayload;
import org.jspecify.annotations.Nullable;

/**
 * Data of {@link dev.warden.event.EventTypes#TOKEN_REVOKED}: an API token was revoked.
 *
 * @param tokenId the token's id
 * @param name the name its owner gave it
 * @param role the one role it acts with
 * @param hint its last four characters (never the token)
 * @param expiresAt when it expires
 * @param reason why: {@code user} (its owner), {@code admin}, {@code role-removed} (its
 * role was taken from the owner), {@code reported_exposed} (reported found exposed, by
 * anyone, through the public door)
 * @param actorId the administrator's user id when an administrator revoked it;
 * {@code system} for a reported exposure
 */
public record TokenRevoked(String tokenId, String name, String role, String hint, Instant expiresAt, String reason,
		@Nullable String actorId) implements EventPayload, AboutToken, ByActor {

	/** Revoked by its owner. */
	public TokenRevoked(String tokenId, String name, String role, String hint, Instant expiresAt, String reason) {
		this(tokenId, name, role, hint, expiresAt, reason, null);
	}

}
