package dev.warden.event.token;

import java.time.Instant;

import dev.warden.event.AboutToken;
import dev.warden.event.EventPayload;
import dev.warden.event.FromClient;
import org.jspecify.annotations.Nullable;

/**
 * Data of {@link dev.warden.event.EventTypes#TOKEN_CREATED}: the user created an API
 * token.
 *
 * @param tokenId the token's id
 * @param name the name its owner gave it
 * @param role the one role it acts with
 * @param hint its last four characters (never the token)
 * @param expiresAt when it expires
 * @param ip the client's address, as the gateway established it
 * @param userAgent the client's User-Agent, at most 1024 characters
 */
public record TokenCreated(String tokenId, String name, String role, String hint, Instant expiresAt,
		@Nullable String ip, @Nullable String userAgent) implements EventPayload, AboutToken, FromClient {
}
