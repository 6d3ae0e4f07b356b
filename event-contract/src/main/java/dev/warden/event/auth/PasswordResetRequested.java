package dev.warden.event.auth;

import java.time.Instant;

import dev.warden.event.Addressed;
import dev.warden.event.EventPayload;
import dev.warden.event.FromClient;
import org.jspecify.annotations.Nullable;

/**
 * Data of {@link dev.warden.event.EventTypes#PASSWORD_RESET_REQUESTED}: a reset of the
 * user's password was asked for, and a mail with the reset code is due. The code itself
 * travels sealed (AES-256-GCM under a key only auth-service and notification-service
 * hold, bound to {@link #SEAL_PREFIX} and the user id), so no other reader of the topic,
 * and no log, learns it.
 *
 * @param email where the user's security mail goes
 * @param displayName the user's name
 * @param locale the user's language as a BCP 47 tag; absent: English
 * @param ip the client's address, as the gateway established it
 * @param userAgent the client's User-Agent, at most 1024 characters
 * @param sealedCode the reset code, sealed: {@code keyId.base64(iv || ciphertext)}
 * @param expiresAt when the code stops working
 */
public record PasswordResetRequested(String email, String displayName, @Nullable String locale, @Nullable String ip,
		@Nullable String userAgent, String sealedCode,
		Instant expiresAt) implements EventPayload, Addressed, FromClient {

	/**
	 * What the sealed code is bound to, before the user id: a value sealed for another
	 * purpose under the same key does not open as a reset code.
	 */
	public static final String SEAL_PREFIX = "warden.password-reset:";

	@Override
	public String toString() {
		return "PasswordResetRequested[expiresAt=" + this.expiresAt + "]";
	}

}
