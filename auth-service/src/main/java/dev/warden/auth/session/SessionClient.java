package dev.warden.auth.session;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What auth-service asks of session-service, synchronously, while a user waits: open a
 * session at sign-in, renew one after a re-authentication, a password change or turning
 * two-factor on, end one at sign-out. Calls that cannot be answered throw
 * {@link SessionsUnavailableException}; the caller then fails the request rather than
 * half-doing it.
 */
public interface SessionClient {

	/**
	 * Opens a session. A flagged session reaches only what the gateway allows it until
	 * the flag is cleared.
	 * @param passwordChangeRequired the password must change before anything else
	 * @param twoFactorSetupRequired two-factor authentication must be set up before
	 * anything else (the policy requires it of one of the user's roles)
	 */
	IssuedSession create(String userId, List<String> roles, List<String> authMethods, ClientInfo client,
			boolean passwordChangeRequired, boolean twoFactorSetupRequired);

	/**
	 * Gives the caller's session a new secret (a new cookie), keeping its public id.
	 * @param authMethods methods now proven, or {@code null} to keep them
	 * @param reauthenticated whether the user just proved who they are
	 * @param passwordChangeRequired the new flag, or {@code null} to keep it
	 * @param twoFactorSetupRequired the new flag, or {@code null} to keep it
	 * @return the new cookie value, or {@code null} if the session no longer exists
	 */
	@Nullable IssuedSession renew(String userId, String sessionId, @Nullable List<String> authMethods, boolean reauthenticated,
			@Nullable Boolean passwordChangeRequired, @Nullable Boolean twoFactorSetupRequired);

	/** Ends one session of the user; quietly nothing if it is already gone. */
	void end(String userId, String sessionId, String reason);

	/**
	 * Ends every session of the user (an administrator's act); returns how many ended.
	 */
	int endAll(String userId);

	/** How many live sessions the user has (an administrator's view of the account). */
	int count(String userId);

	/**
	 * A session as session-service issued it: the secret goes into the cookie once and is
	 * never stored here.
	 *
	 * @param secret the cookie value
	 * @param sessionId the public id
	 * @param expiresAt the absolute end of the session
	 * @param newDevice whether the user had not signed in from this device before
	 */
	record IssuedSession(String secret, String sessionId, Instant expiresAt, boolean newDevice) {

		@Override
		public String toString() {
			return "IssuedSession[sessionId=" + this.sessionId + ", expiresAt=" + this.expiresAt + "]";
		}
	}

}
