package dev.warden.event.auth;

import java.time.Instant;

import dev.warden.event.Addressed;
import dev.warden.event.EventPayload;
import dev.warden.event.FromClient;
import org.jspecify.annotations.Nullable;

/**
 * Data of {@link dev.warden.event.EventTypes#ACCOUNT_LOCKED}: failed passwords locked the
 * account, for a while or until an administrator unlocks it.
 *
 * @param email where the user's security mail goes
 * @param displayName the user's name
 * @param locale the user's language as a BCP 47 tag; absent: English
 * @param ip the client's address, as the gateway established it
 * @param userAgent the client's User-Agent, at most 1024 characters
 * @param failures the failures in a row that locked it
 * @param permanent whether only an administrator can unlock it
 * @param lockedUntil until when, for a lock that ends by itself
 */
public record AccountLocked(String email, String displayName, @Nullable String locale, @Nullable String ip,
		@Nullable String userAgent, long failures, boolean permanent,
		@Nullable Instant lockedUntil) implements EventPayload, Addressed, FromClient {
}
