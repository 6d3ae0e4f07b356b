package dev.warden.event.auth;

import dev.warden.event.Addressed;
import dev.warden.event.EventPayload;
import dev.warden.event.FromClient;
import org.jspecify.annotations.Nullable;

/**
 * Data of {@link dev.warden.event.EventTypes#PASSKEY_CLONE_SUSPECTED}: a passkey's
 * signature counter did not rise, so a copy of it may be in use; the assertion was
 * refused.
 *
 * @param email where the user's security mail goes
 * @param displayName the user's name
 * @param locale the user's language as a BCP 47 tag; absent: English
 * @param ip the client's address, as the gateway established it
 * @param userAgent the client's User-Agent, at most 1024 characters
 * @param passkeyId the passkey's id
 * @param name its name
 * @param storedCounter the counter last seen
 * @param presentedCounter the counter this assertion carried
 */
public record PasskeyCloneSuspected(String email, String displayName, @Nullable String locale, @Nullable String ip,
		@Nullable String userAgent, String passkeyId, String name, long storedCounter,
		long presentedCounter) implements EventPayload, Addressed, FromClient {
}
