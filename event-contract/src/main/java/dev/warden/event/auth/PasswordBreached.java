package dev.warden.event.auth;

import dev.warden.event.Addressed;
import dev.warden.event.EventPayload;
import dev.warden.event.FromClient;
import org.jspecify.annotations.Nullable;

/**
 * Data of {@link dev.warden.event.EventTypes#PASSWORD_BREACHED}: at a sign-in, the
 * password in use was found among passwords known from data breaches; the session is held
 * to a password change.
 *
 * @param email where the user's security mail goes
 * @param displayName the user's name
 * @param locale the user's language as a BCP 47 tag; absent: English
 * @param ip the client's address, as the gateway established it
 * @param userAgent the client's User-Agent, at most 1024 characters
 */
public record PasswordBreached(String email, String displayName, @Nullable String locale, @Nullable String ip,
		@Nullable String userAgent) implements EventPayload, Addressed, FromClient {
}
