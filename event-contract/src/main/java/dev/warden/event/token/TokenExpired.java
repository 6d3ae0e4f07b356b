package dev.warden.event.token;

import java.time.Instant;

import dev.warden.event.AboutToken;
import dev.warden.event.EventPayload;

/**
 * Data of {@link dev.warden.event.EventTypes#TOKEN_EXPIRED}: an API token expired.
 *
 * @param tokenId the token's id
 * @param name the name its owner gave it
 * @param role the one role it acts with
 * @param hint its last four characters (never the token)
 * @param expiresAt when it expires
 */
public record TokenExpired(String tokenId, String name, String role, String hint,
		Instant expiresAt) implements EventPayload, AboutToken {
}
