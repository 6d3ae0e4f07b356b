package dev.warden.serviceidentity.token;

import java.time.Instant;
import java.util.List;

/**
 * Whose an API token is and which roles it may be given, as the gateway saw it when the signed-in owner created it:
 * signed by the gateway, stored by token-service with the token, verified by the gateway at every introspection.
 * Bound to the token's value by {@code tokenHash}, so token-service can neither forge a grant nor hand one token's
 * grant to another.
 *
 * @param userId the owner ({@code sub})
 * @param roles the owner's roles at creation; the token's one role must be among them
 * @param tokenHash the hash of the token's value ({@code th})
 * @param expiresAt the longest the token may live ({@code exp})
 */
public record TokenGrant(String userId, List<String> roles, String tokenHash, Instant expiresAt) {

	public TokenGrant {
		roles = List.copyOf(roles);
	}
}
