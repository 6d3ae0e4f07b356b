package dev.warden.event.auth;

import java.util.List;

import dev.warden.event.Addressed;
import dev.warden.event.EventPayload;
import org.jspecify.annotations.Nullable;

/**
 * Data of {@link dev.warden.event.EventTypes#USER_UPDATED}: the user changed a setting of
 * their own account.
 *
 * @param email where the user's security mail goes
 * @param displayName the user's name
 * @param locale the user's language as a BCP 47 tag; absent: English
 * @param changed which settings changed ({@code locale})
 */
public record UserUpdated(String email, String displayName, @Nullable String locale,
		List<String> changed) implements EventPayload, Addressed {
}
