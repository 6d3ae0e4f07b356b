package dev.warden.event.session;

import dev.warden.event.AboutSession;
import dev.warden.event.EventPayload;
import dev.warden.event.FromClient;
import dev.warden.event.OnDevice;
import org.jspecify.annotations.Nullable;

/**
 * Data of {@link dev.warden.event.EventTypes#SESSION_RENEWED}: a session moved to a new
 * cookie value: the old value no longer works.
 *
 * @param userId the session's user
 * @param sessionId the session's public id (never its cookie value)
 * @param ip the address the session was opened from
 * @param userAgent the User-Agent it was opened with
 * @param browser the browser, from the User-Agent
 * @param os the operating system, from the User-Agent
 * @param deviceType desktop, mobile, tablet, bot or unknown
 * @param reauthenticated whether the user has just proved who they are again
 */
public record SessionRenewed(String userId, String sessionId, @Nullable String ip, @Nullable String userAgent,
		String browser, String os, String deviceType,
		boolean reauthenticated) implements EventPayload, FromClient, AboutSession, OnDevice {
}
