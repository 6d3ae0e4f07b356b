package dev.warden.event.token;

import java.time.Instant;

import dev.warden.event.AboutToken;
import dev.warden.event.EventPayload;

/**
 * Data of {@link dev.warden.event.EventTypes#TOKEN_EXPIRING_SOON}: an API token expires
 * soon (7 days and 1 day before).
 *
 * @param tokenId the token's id
 * @param name the name its owner gave it
 * @param role the one role it acts with
 * @param hint its last four characters (never the token)
 * @param expiresAt when it expires
 * @param daysLeft 7 or 1
 */
public record TokenExpiringSoon(String tokenId, String name, String role, String hint, Instant expiresAt,
		int daysLeft) implements EventPayload, AboutToken {
}
