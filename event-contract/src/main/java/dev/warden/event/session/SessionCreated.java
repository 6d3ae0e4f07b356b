package dev.warden.event.session;

import java.util.List;

import dev.warden.event.AboutSession;
import dev.warden.event.EventPayload;
import dev.warden.event.FromClient;
import dev.warden.event.OnDevice;
import org.jspecify.annotations.Nullable;

/**
 * Data of {@link dev.warden.event.EventTypes#SESSION_CREATED}: a session was opened by a
 * sign-in.
 *
 * @param userId the session's user
 * @param sessionId the session's public id (never its cookie value)
 * @param ip the address the session was opened from
 * @param userAgent the User-Agent it was opened with
 * @param browser the browser, from the User-Agent
 * @param os the operating system, from the User-Agent
 * @param deviceType desktop, mobile, tablet, bot or unknown
 * @param authMethods how the user proved who they are
 * @param newDevice whether the user never signed in from this kind of device before
 */
public record SessionCreated(String userId, String sessionId, @Nullable String ip, @Nullable String userAgent,
		String browser, String os, String deviceType, List<String> authMethods,
		boolean newDevice) implements EventPayload, FromClient, AboutSession, OnDevice {
}
