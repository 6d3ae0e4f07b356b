package dev.warden.token.owner;

import java.util.List;

/**
 * What token-service knows of a token's owner, from auth-service's events and the owner's
 * own requests.
 */
public record TokenOwner(String userId, String email, String displayName, List<String> roles, boolean locked) {

	/** Whether a token with {@code role} may still act for this owner. */
	public boolean permits(String role) {
		return !this.locked && this.roles.contains(role);
	}
}
