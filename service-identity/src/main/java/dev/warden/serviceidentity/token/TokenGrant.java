package dev.warden.serviceidentity.token;

import java.time.Instant;

/**
 * Whose an API token is, with which role and until when, as the gateway saw the signed-in
 * owner create it: signed by the gateway, stored by token-service with the token,
 * verified by the gateway at every introspection. Bound to the token's value by
 * {@code tokenHash}, so token-service can neither forge a grant, widen one, nor hand one
 * token's grant to another.
 *
 * @param userId the owner ({@code sub})
 * @param role the token's one role, which the owner held when making it
 * @param tokenHash the hash of the token's value ({@code th})
 * @param expiresAt the end of the validity the owner chose, and a day ({@code exp})
 */
public record TokenGrant(String userId, String role, String tokenHash, Instant expiresAt) {
}
