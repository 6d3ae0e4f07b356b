package dev.warden.event.auth;

import java.util.List;

import dev.warden.event.Addressed;
import dev.warden.event.ByActor;
import dev.warden.event.EventPayload;
import org.jspecify.annotations.Nullable;

/**
 * Data of {@link dev.warden.event.EventTypes#ROLES_CHANGED}: an administrator changed the
 * user's roles. Every session of the user ends (each carries the roles it signed in
 * with), and API tokens of a role the user no longer holds stop.
 *
 * @param email where the user's security mail goes
 * @param displayName the user's name
 * @param locale the user's language as a BCP 47 tag; absent: English
 * @param roles the roles the user holds now
 * @param actorId the administrator's user id
 * @param actorName the administrator's name, for the user's mail
 */
public record RolesChanged(String email, String displayName, @Nullable String locale, List<String> roles,
		String actorId, String actorName) implements EventPayload, Addressed, ByActor {
}
