package dev.warden.event.auth;

import dev.warden.event.Addressed;
import dev.warden.event.ByActor;
import dev.warden.event.EventPayload;
import org.jspecify.annotations.Nullable;

/**
 * Data of {@link dev.warden.event.EventTypes#PASSWORD_CHANGE_REQUIRED}: an administrator
 * requires the user to choose a new password at the next sign-in.
 *
 * @param email where the user's security mail goes
 * @param displayName the user's name
 * @param locale the user's language as a BCP 47 tag; absent: English
 * @param actorId the administrator's user id
 * @param actorName the administrator's name, for the user's mail
 */
public record PasswordChangeRequired(String email, String displayName, @Nullable String locale, String actorId,
		String actorName) implements EventPayload, Addressed, ByActor {
}
