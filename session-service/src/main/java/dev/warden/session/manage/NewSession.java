package dev.warden.session.manage;

import java.util.List;

/**
 * What auth-service knows when a user has just signed in, including what the user must do
 * before anything else (change the password, set up two-factor authentication), and the
 * hash of the cookie value it made for the browser.
 */
public record NewSession(String userId, List<String> roles, List<String> authMethods, String ip, String userAgent,
		boolean passwordChangeRequired, boolean twoFactorSetupRequired, String secretHash) {
}
