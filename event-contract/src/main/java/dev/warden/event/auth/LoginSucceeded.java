package dev.warden.event.auth;

import java.util.List;

import dev.warden.event.AboutSession;
import dev.warden.event.Addressed;
import dev.warden.event.EventPayload;
import dev.warden.event.FromClient;
import org.jspecify.annotations.Nullable;

/**
 * Data of {@link dev.warden.event.EventTypes#LOGIN_SUCCEEDED}: a sign-in completed:
 * password, and the second factor if on.
 *
 * @param email where the user's security mail goes
 * @param displayName the user's name
 * @param locale the user's language as a BCP 47 tag; absent: English
 * @param ip the client's address, as the gateway established it
 * @param userAgent the client's User-Agent, at most 1024 characters
 * @param sessionId the session it opened
 * @param authMethods how the user proved who they are (RFC 8176): {@code pwd},
 * {@code otp}, a passkey as {@code hwk} (held by its device) or {@code swk} (may be
 * synced)
 * @param newDevice whether the user never signed in from this kind of device before
 * @param passwordChangeRequired whether the password must change before anything else
 * @param twoFactorSetupRequired whether two-factor must be set up before anything else
 * @param userVerified with a passkey: whether the authenticator verified the user (PIN,
 * fingerprint, face); absent otherwise
 */
public record LoginSucceeded(String email, String displayName, @Nullable String locale, @Nullable String ip,
		@Nullable String userAgent, String sessionId, List<String> authMethods, boolean newDevice,
		boolean passwordChangeRequired, boolean twoFactorSetupRequired,
		@Nullable Boolean userVerified) implements EventPayload, Addressed, FromClient, AboutSession {
}
