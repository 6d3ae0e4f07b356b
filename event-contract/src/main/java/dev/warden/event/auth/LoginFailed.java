package dev.warden.event.auth;

import dev.warden.event.Addressed;
import dev.warden.event.EventPayload;
import dev.warden.event.FromClient;
import org.jspecify.annotations.Nullable;

/**
 * Data of {@link dev.warden.event.EventTypes#LOGIN_FAILED}: a wrong password or code: at
 * sign-in, re-authentication, or when turning two-factor off.
 *
 * @param email where the user's security mail goes
 * @param displayName the user's name
 * @param locale the user's language as a BCP 47 tag; absent: English
 * @param ip the client's address, as the gateway established it
 * @param userAgent the client's User-Agent, at most 1024 characters
 * @param failures the account's failures in a row so far
 * @param reason {@code wrong_password}, {@code account_locked},
 * {@code temporary_password_expired} or {@code wrong_code}
 */
public record LoginFailed(String email, String displayName, @Nullable String locale, @Nullable String ip,
		@Nullable String userAgent, long failures, String reason) implements EventPayload, Addressed, FromClient {
}
