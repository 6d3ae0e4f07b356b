package dev.warden.event.auth;

import java.util.List;

import dev.warden.event.Addressed;
import dev.warden.event.ByActor;
import dev.warden.event.EventPayload;
import org.jspecify.annotations.Nullable;

/**
 * Data of {@link dev.warden.event.EventTypes#USER_CREATED}: an account was created, by an
 * administrator or at first start.
 *
 * @param userId the new user
 * @param email where the user's security mail goes
 * @param displayName the user's name
 * @param roles the roles given
 * @param actorId who created it: an administrator's user id, or {@code system}
 * @param locale the user's language as a BCP 47 tag; absent: English
 */
public record UserCreated(String userId, String email, String displayName, List<String> roles, @Nullable String actorId,
		@Nullable String locale) implements EventPayload, Addressed, ByActor {
}
