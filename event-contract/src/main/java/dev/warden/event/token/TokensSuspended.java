package dev.warden.event.token;

import dev.warden.event.EventPayload;

/**
 * Data of {@link dev.warden.event.EventTypes#TOKENS_SUSPENDED}: the user's API tokens
 * stopped working while the account is locked, or work again.
 *
 * @param userId the tokens' owner
 * @param suspended true: stopped; false: work again
 */
public record TokensSuspended(String userId, boolean suspended) implements EventPayload {
}
