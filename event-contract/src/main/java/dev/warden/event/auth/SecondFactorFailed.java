package dev.warden.event.auth;

import java.time.Instant;

import dev.warden.event.Addressed;
import dev.warden.event.EventPayload;
import dev.warden.event.FromClient;
import org.jspecify.annotations.Nullable;

/**
 * Data of {@link dev.warden.event.EventTypes#SECOND_FACTOR_FAILED}: wrong codes spent the
 * account's budget: someone who knows the password is guessing codes.
 *
 * @param email where the user's security mail goes
 * @param displayName the user's name
 * @param locale the user's language as a BCP 47 tag; absent: English
 * @param ip the client's address, as the gateway established it
 * @param userAgent the client's User-Agent, at most 1024 characters
 * @param failures the wrong codes in a row
 * @param refusedUntil until when codes are refused
 */
public record SecondFactorFailed(String email, String displayName, @Nullable String locale, @Nullable String ip,
		@Nullable String userAgent, long failures,
		Instant refusedUntil) implements EventPayload, Addressed, FromClient {
}
