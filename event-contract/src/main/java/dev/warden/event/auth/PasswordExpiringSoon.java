package dev.warden.event.auth;

import java.time.Instant;

import dev.warden.event.Addressed;
import dev.warden.event.EventPayload;
import org.jspecify.annotations.Nullable;

/**
 * Data of {@link dev.warden.event.EventTypes#PASSWORD_EXPIRING_SOON}: the password
 * expires soon (14, 7 and 1 days before).
 *
 * @param email where the user's security mail goes
 * @param displayName the user's name
 * @param locale the user's language as a BCP 47 tag; absent: English
 * @param expiresAt when it expires
 * @param daysLeft whole days left, at least 1
 */
public record PasswordExpiringSoon(String email, String displayName, @Nullable String locale, Instant expiresAt,
		int daysLeft) implements EventPayload, Addressed {
}
