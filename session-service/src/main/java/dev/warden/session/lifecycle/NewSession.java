package dev.warden.session.lifecycle;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What auth-service knows when a user has just signed in, including what the user must do
 * before anything else (change the password, set up two-factor authentication), and the
 * hash of the cookie value it made for the browser.
 */
public record NewSession(String userId, List<String> roles, List<String> authMethods, @Nullable String ip,
		@Nullable String userAgent, boolean passwordChangeRequired, boolean twoFactorSetupRequired, String secretHash) {
}
