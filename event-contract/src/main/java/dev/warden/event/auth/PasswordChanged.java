package dev.warden.event.auth;

import java.time.Instant;

import dev.warden.event.AboutSession;
import dev.warden.event.Addressed;
import dev.warden.event.EventPayload;
import dev.warden.event.FromClient;
import org.jspecify.annotations.Nullable;

/**
 * Data of {@link dev.warden.event.EventTypes#PASSWORD_CHANGED}: the user changed their
 * password.
 *
 * @param email where the user's security mail goes
 * @param displayName the user's name
 * @param locale the user's language as a BCP 47 tag; absent: English
 * @param ip the client's address, as the gateway established it
 * @param userAgent the client's User-Agent, at most 1024 characters
 * @param sessionId the session it was changed in, which stays signed in
 * @param signOutOtherSessions whether the user's other sessions end
 * @param changedAt when it changed
 */
public record PasswordChanged(String email, String displayName, @Nullable String locale, @Nullable String ip,
		@Nullable String userAgent, @Nullable String sessionId, boolean signOutOtherSessions,
		Instant changedAt) implements EventPayload, Addressed, FromClient, AboutSession {
}
