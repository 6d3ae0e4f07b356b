package dev.warden.session.manage;

import java.util.List;

/** What auth-service knows when a user has just signed in. */
public record NewSession(String userId, List<String> roles, List<String> authMethods, String ip, String userAgent,
		boolean passwordChangeRequired) {
}
