package dev.warden.gateway.authentication;

import org.springframework.http.HttpMethod;

/**
 * What {@link AccessPolicy} asks of a caller for one method and path, for the API
 * description to say it: whether a caller is needed at all, whether only a signed-in
 * session will do, whether it is administration, and whether a session held to a password
 * change or a two-factor set-up still gets through.
 */
public record AccessRequirements(boolean open, boolean sessionOnly, boolean administration,
		boolean whilePasswordChangeRequired, boolean whileTwoFactorSetupRequired) {

	public static AccessRequirements of(String path, HttpMethod method) {
		return new AccessRequirements(AccessPolicy.isPublic(path, method), AccessPolicy.needsSession(path, method),
				AccessPolicy.isAdministration(path), AccessPolicy.allowedWhilePasswordChangeRequired(path),
				AccessPolicy.allowedWhileTwoFactorSetupRequired(path));
	}

}
