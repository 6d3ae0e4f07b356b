package dev.warden.event.auth;

import dev.warden.event.Addressed;
import dev.warden.event.EventPayload;
import dev.warden.event.FromClient;
import org.jspecify.annotations.Nullable;

/**
 * Data of {@link dev.warden.event.EventTypes#PASSWORD_CHANGE_FAILED}: a password change
 * was refused: the current password was wrong.
 *
 * @param email where the user's security mail goes
 * @param displayName the user's name
 * @param locale the user's language as a BCP 47 tag; absent: English
 * @param ip the client's address, as the gateway established it
 * @param userAgent the client's User-Agent, at most 1024 characters
 * @param failures the account's failures in a row so far
 * @param reason {@code wrong_password} or {@code account_locked}
 */
public record PasswordChangeFailed(String email, String displayName, @Nullable String locale, @Nullable String ip,
		@Nullable String userAgent, long failures, String reason) implements EventPayload, Addressed, FromClient {
}
