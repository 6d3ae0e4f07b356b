package dev.warden.event.auth;

import java.time.Instant;
import java.util.List;

import dev.warden.event.Addressed;
import dev.warden.event.EventPayload;
import dev.warden.event.FromClient;
import org.jspecify.annotations.Nullable;

/**
 * Data of {@link dev.warden.event.EventTypes#PASSWORD_RESET}: the user's forgotten
 * password was replaced with a code from the reset mail; every session of the user ends.
 *
 * @param email where the user's security mail goes
 * @param displayName the user's name
 * @param locale the user's language as a BCP 47 tag; absent: English
 * @param ip the client's address, as the gateway established it
 * @param userAgent the client's User-Agent, at most 1024 characters
 * @param resetAt when it was reset
 * @param passkeys the names of the user's passkeys, which the reset leaves in place (each
 * signs in without a password): the mail lists them, so one the user does not know can be
 * removed
 */
public record PasswordReset(String email, String displayName, @Nullable String locale, @Nullable String ip,
		@Nullable String userAgent, Instant resetAt,
		@Nullable List<String> passkeys) implements EventPayload, Addressed, FromClient {

	public PasswordReset(String email, String displayName, @Nullable String locale, @Nullable String ip,
			@Nullable String userAgent, Instant resetAt) {
		this(email, displayName, locale, ip, userAgent, resetAt, null);
	}

}
