package dev.warden.session.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.warden.session.device.Device;
import org.jspecify.annotations.Nullable;

/**
 * One signed-in device or browser of a user. Holds no secret: the cookie value is only
 * ever known to the client, and the store keys sessions by its SHA-256.
 *
 * @param publicId the id lists and URLs show
 * @param userId the user
 * @param roles roles at sign-in
 * @param authMethods RFC 8176 methods used at sign-in ({@code pwd}, {@code otp})
 * @param createdAt sign-in time
 * @param lastActiveAt last recorded activity (recorded at most once per touch interval)
 * @param authenticatedAt last time the user proved who they are (sign-in or
 * re-authentication)
 * @param absoluteExpiresAt the end of the session whatever the activity
 * @param ip client address at sign-in
 * @param userAgent raw user agent at sign-in
 * @param device browser, OS and device type parsed from it
 * @param passwordChangeRequired whether the user must change the password before anything
 * else
 * @param twoFactorSetupRequired whether the user must set up two-factor authentication
 * before anything else (the policy requires it of one of the user's roles)
 * @param grant the session grant auth-service signed for the current cookie value, kept
 * as it came (session-service cannot sign one, and has no need to check one: the gateway
 * does), or {@code null} until auth-service attaches one
 */
public record Session(String publicId, String userId, List<String> roles, List<String> authMethods, Instant createdAt,
		Instant lastActiveAt, Instant authenticatedAt, Instant absoluteExpiresAt, @Nullable String ip,
		@Nullable String userAgent, Device device, boolean passwordChangeRequired, boolean twoFactorSetupRequired,
		@Nullable String grant) {

	public Session {
		roles = List.copyOf(roles);
		authMethods = List.copyOf(authMethods);
	}

	/**
	 * When the session ends if nothing happens: the idle expiry, or the absolute one if
	 * sooner.
	 */
	public Instant expiresAt(Duration idleTimeout) {
		Instant idle = this.lastActiveAt.plus(idleTimeout);
		return idle.isBefore(this.absoluteExpiresAt) ? idle : this.absoluteExpiresAt;
	}

	public boolean isExpired(Instant now, Duration idleTimeout) {
		return !now.isBefore(expiresAt(idleTimeout));
	}
}
