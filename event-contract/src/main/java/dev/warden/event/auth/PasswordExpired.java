package dev.warden.event.auth;

import java.time.Instant;

import dev.warden.event.Addressed;
import dev.warden.event.EventPayload;
import org.jspecify.annotations.Nullable;

/**
 * Data of {@link dev.warden.event.EventTypes#PASSWORD_EXPIRED}: the password is older
 * than the policy allows: it must change at the next sign-in.
 *
 * @param email where the user's security mail goes
 * @param displayName the user's name
 * @param locale the user's language as a BCP 47 tag; absent: English
 * @param expiresAt when it expired
 */
public record PasswordExpired(String email, String displayName, @Nullable String locale,
		Instant expiresAt) implements EventPayload, Addressed {
}
