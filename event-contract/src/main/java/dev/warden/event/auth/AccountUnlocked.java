package dev.warden.event.auth;

import dev.warden.event.Addressed;
import dev.warden.event.ByActor;
import dev.warden.event.EventPayload;
import org.jspecify.annotations.Nullable;

/**
 * Data of {@link dev.warden.event.EventTypes#ACCOUNT_UNLOCKED}: an administrator unlocked
 * the account.
 *
 * @param email where the user's security mail goes
 * @param displayName the user's name
 * @param locale the user's language as a BCP 47 tag; absent: English
 * @param actorId the administrator's user id
 */
public record AccountUnlocked(String email, String displayName, @Nullable String locale,
		String actorId) implements EventPayload, Addressed, ByActor {
}
