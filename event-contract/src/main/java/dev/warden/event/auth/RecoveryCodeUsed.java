package dev.warden.event.auth;

import dev.warden.event.Addressed;
import dev.warden.event.EventPayload;
import dev.warden.event.FromClient;
import org.jspecify.annotations.Nullable;

/**
 * Data of {@link dev.warden.event.EventTypes#RECOVERY_CODE_USED}: a recovery code was
 * used in place of a TOTP code.
 *
 * @param email where the user's security mail goes
 * @param displayName the user's name
 * @param locale the user's language as a BCP 47 tag; absent: English
 * @param ip the client's address, as the gateway established it
 * @param userAgent the client's User-Agent, at most 1024 characters
 * @param remaining unused codes left
 * @param fewRemaining whether so few are left that the user should make new ones
 */
public record RecoveryCodeUsed(String email, String displayName, @Nullable String locale, @Nullable String ip,
		@Nullable String userAgent, int remaining,
		boolean fewRemaining) implements EventPayload, Addressed, FromClient {
}
