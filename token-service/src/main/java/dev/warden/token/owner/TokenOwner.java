package dev.warden.token.owner;

import java.util.List;

/**
 * What token-service knows of a token's owner, from auth-service's events and the owner's
 * own requests.
 */
public record TokenOwner(String userId, String email, String displayName, List<String> roles, boolean locked,
		boolean disabled) {

	/** Whether a token with {@code role} may still act for this owner. */
	public boolean permits(String role) {
		return !suspended() && this.roles.contains(role);
	}

	/** Locked after failed sign-ins, or disabled by an administrator: no token works. */
	public boolean suspended() {
		return this.locked || this.disabled;
	}
}
